package io.cupnet.spring.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.cupnet.DeliveryResult;
import io.cupnet.PeerIdentity;
import io.cupnet.options.CupnetOptions;
import io.cupnet.options.TlsOptions;
import io.cupnet.spring.annotation.MessageListener;
import io.cupnet.spring.core.CupnetTemplate;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code cupnet.tls.*} properties, from PEM files or a Spring Boot SSL bundle, make a TLS node;
 * bad ones stop the start-up naming the property.
 */
class CupnetTlsAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class, CupnetAutoConfiguration.class))
        .withPropertyValues("cupnet.server.port=0", "cupnet.shutdown-timeout=2s");

    @Test
    void whenTlsPropertiesAreSetThenTheNodeUsesTls() {
        this.runner.withPropertyValues(pem("node-a"))
            .withPropertyValues("cupnet.tls.client-auth=REQUIRE", "cupnet.tls.verify-hostname=true",
                    "cupnet.tls.handshake-timeout=3s", "cupnet.tls.protocols=TLSv1.3")
            .run((context) -> {
                TlsOptions tls = context.getBean(CupnetOptions.class).tls();
                assertThat(tls).isNotNull();
                assertThat(tls.certificate()).hasFileName("node-a.pem");
                assertThat(tls.clientAuth()).isEqualTo(TlsOptions.ClientAuth.REQUIRE);
                assertThat(tls.verifyHostname()).isTrue();
                assertThat(tls.handshakeTimeout()).isEqualTo(Duration.ofSeconds(3));
                assertThat(tls.protocols()).containsExactly("TLSv1.3");
            });
    }

    @Test
    void whenTlsIsNotEnabledThenTheNodeIsPlaintext() {
        this.runner.withPropertyValues("cupnet.tls.certificate=classpath:tls/node-a.pem")
            .run((context) -> assertThat(context.getBean(CupnetOptions.class).tls()).isNull());
    }

    @Test
    void whenAnSslBundleIsNamedThenItsKeyAndTrustAreUsed() {
        this.runner.withPropertyValues(bundle("cupnet", "node-a"))
            .withPropertyValues("cupnet.tls.enabled=true", "cupnet.tls.bundle=cupnet", "cupnet.tls.client-auth=REQUIRE")
            .run((context) -> {
                TlsOptions tls = context.getBean(CupnetOptions.class).tls();
                assertThat(tls.keyManagerFactory()).isNotNull();
                assertThat(tls.trustManagerFactory()).isNotNull();
                assertThat(tls.certificate()).isNull();
            });
    }

    @Test
    void whenTwoTlsNodesTalkThenTheListenerReceivesTheSendersVerifiedIdentity() {
        ApplicationContextRunner server = this.runner.withBean(IdentityListener.class)
            .withPropertyValues(pem("node-b"))
            .withPropertyValues("cupnet.tls.client-auth=REQUIRE");
        ApplicationContextRunner client = this.runner.withPropertyValues(bundle("mine", "node-a"))
            .withPropertyValues("cupnet.tls.enabled=true", "cupnet.tls.bundle=mine");
        server.run((serverContext) -> client.run((clientContext) -> {
            CupnetTemplate template = clientContext.getBean(CupnetTemplate.class);
            DeliveryResult result = template
                .sendAndAwaitAck(serverContext.getBean(CupnetTemplate.class).localAddress(), 7, "hello")
                .join();
            assertThat(result.status()).isEqualTo(DeliveryResult.Status.ACKED);
            IdentityListener listener = serverContext.getBean(IdentityListener.class);
            await().until(() -> !listener.identities.isEmpty());
            assertThat(listener.identities).singleElement()
                .satisfies((identity) -> assertThat(identity.commonName()).isEqualTo("node-a"));
        }));
    }

    @Test
    void whenTheCertificateFileIsMissingThenStartupFailsNamingTheProperty() {
        assertStartupFails("cupnet.tls.certificate=/no/such/node.pem", "cupnet.tls.certificate", "/no/such/node.pem");
    }

    @Test
    void whenTheCertificateIsNotOnTheClasspathThenStartupFailsNamingTheProperty() {
        assertStartupFails("cupnet.tls.certificate=classpath:tls/missing.pem", "cupnet.tls.certificate",
                "tls/missing.pem");
    }

    @Test
    void whenThePrivateKeyIsNotAKeyThenStartupFailsNamingTheProperty() {
        assertStartupFails("cupnet.tls.private-key=classpath:tls/ca.pem", "cupnet.tls.private-key",
                "BEGIN PRIVATE KEY");
    }

    @Test
    void whenTheKeyBelongsToAnotherCertificateThenStartupFailsNamingTheProperty() {
        assertStartupFails("cupnet.tls.private-key=classpath:tls/node-b-key.pem", "cupnet.tls.private-key",
                "CN=node-a");
    }

    @Test
    void whenClientCertificatesAreRequiredWithoutTrustThenStartupFailsNamingTheProperty() {
        this.runner.withPropertyValues("cupnet.tls.enabled=true", "cupnet.tls.certificate=classpath:tls/node-a.pem",
                "cupnet.tls.private-key=classpath:tls/node-a-key.pem", "cupnet.tls.client-auth=REQUIRE")
            .run((context) -> assertThat(invalidProperty(context.getStartupFailure()).getProperty())
                .isEqualTo("cupnet.tls.trust-certificates"));
    }

    @Test
    void whenTlsIsEnabledWithoutACertificateThenStartupFailsNamingTheProperty() {
        this.runner.withPropertyValues("cupnet.tls.enabled=true")
            .run((context) -> assertThat(invalidProperty(context.getStartupFailure()).getProperty())
                .isEqualTo("cupnet.tls.certificate"));
    }

    @Test
    void whenTheBundleDoesNotExistThenStartupFailsNamingTheProperty() {
        this.runner.withPropertyValues("cupnet.tls.enabled=true", "cupnet.tls.bundle=nowhere")
            .run((context) -> assertThat(invalidProperty(context.getStartupFailure()))
                .hasMessageContaining("cupnet.tls.bundle")
                .hasMessageContaining("nowhere"));
    }

    @Test
    void whenABundleAndPemFilesAreBothSetThenStartupFailsNamingTheBundle() {
        this.runner.withPropertyValues(bundle("cupnet", "node-a"))
            .withPropertyValues(pem("node-a"))
            .withPropertyValues("cupnet.tls.bundle=cupnet")
            .run((context) -> assertThat(invalidProperty(context.getStartupFailure()).getProperty())
                .isEqualTo("cupnet.tls.bundle"));
    }

    private void assertStartupFails(String property, String name, String detail) {
        this.runner.withPropertyValues(pem("node-a")).withPropertyValues(property).run((context) -> {
            assertThat(context).hasFailed();
            InvalidCupnetPropertyException failure = invalidProperty(context.getStartupFailure());
            assertThat(failure.getProperty()).isEqualTo(name);
            assertThat(failure).hasMessageContaining(detail);
        });
    }

    private static String[] pem(String node) {
        return new String[] { "cupnet.tls.enabled=true", "cupnet.tls.certificate=classpath:tls/" + node + ".pem",
                "cupnet.tls.private-key=classpath:tls/" + node + "-key.pem",
                "cupnet.tls.trust-certificates=classpath:tls/ca.pem" };
    }

    private static String[] bundle(String name, String node) {
        String prefix = "spring.ssl.bundle.pem." + name + ".";
        return new String[] { prefix + "keystore.certificate=classpath:tls/" + node + ".pem",
                prefix + "keystore.private-key=classpath:tls/" + node + "-key.pem",
                prefix + "truststore.certificate=classpath:tls/ca.pem" };
    }

    private static InvalidCupnetPropertyException invalidProperty(Throwable failure) {
        Throwable cause = failure;
        while (cause != null && !(cause instanceof InvalidCupnetPropertyException)) {
            cause = cause.getCause();
        }
        assertThat(cause).as("an InvalidCupnetPropertyException in %s", failure).isNotNull();
        return (InvalidCupnetPropertyException) cause;
    }

    static class IdentityListener {

        final List<PeerIdentity> identities = new CopyOnWriteArrayList<>();

        @MessageListener(types = 7)
        void onMessage(String body, PeerIdentity identity) {
            this.identities.add(identity);
        }

    }

}
