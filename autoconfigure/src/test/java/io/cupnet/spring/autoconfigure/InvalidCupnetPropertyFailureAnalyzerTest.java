package io.cupnet.spring.autoconfigure;

import org.junit.jupiter.api.Test;
import org.springframework.boot.diagnostics.FailureAnalysis;

import static org.assertj.core.api.Assertions.assertThat;

class InvalidCupnetPropertyFailureAnalyzerTest {

    @Test
    void whenAPropertyIsInvalidThenTheAnalysisNamesItAndTheFix() {
        CupnetProperties properties = new CupnetProperties();
        properties.getServer().setPort(-1);
        Exception failure = null;
        try {
            CupnetOptionsMapper.toBuilder(properties);
        }
        catch (InvalidCupnetPropertyException ex) {
            failure = ex;
        }
        FailureAnalysis analysis = new InvalidCupnetPropertyFailureAnalyzer().analyze(new RuntimeException(failure));
        assertThat(analysis.getDescription()).contains("cupnet.server.port").contains("-1");
        assertThat(analysis.getAction()).contains("--cupnet.server.port=").contains("between 0 and 65535");
    }

}
