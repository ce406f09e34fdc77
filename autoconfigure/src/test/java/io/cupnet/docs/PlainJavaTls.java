package io.cupnet.docs;

import java.nio.file.Path;

import io.cupnet.options.CupnetOptions;
import io.cupnet.options.TlsOptions;

/** The TLS example of docs/operations.md; {@link DocsSnippetsTest} checks that the page shows this code. */
final class PlainJavaTls {

    private PlainJavaTls() {
    }

    static CupnetOptions options() {
        // tag::tls[]
        TlsOptions tls = TlsOptions.builder()
                .certificate(Path.of("/etc/cupnet/node.pem"))         // this node's certificate, then intermediates
                .privateKey(Path.of("/etc/cupnet/node-key.pem"))      // PKCS#8 PEM (privateKeyPassword if encrypted)
                .trustCertificates(Path.of("/etc/cupnet/ca.pem"))     // the CAs peers' certificates chain to
                .clientAuth(TlsOptions.ClientAuth.REQUIRE)            // mutual TLS; NONE (default) or OPTIONAL
                .build();                                             // reads and checks the files now
        CupnetOptions options = CupnetOptions.builder()
                .server(server -> server.port(7100))
                .tls(tls)
                .build();
        // end::tls[]
        return options;
    }

}
