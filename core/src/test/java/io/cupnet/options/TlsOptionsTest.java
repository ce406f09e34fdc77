package io.cupnet.options;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.cupnet.options.TlsOptions.ClientAuth;
import io.cupnet.support.TlsFixtures;
import org.assertj.core.api.AbstractThrowableAssert;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static io.cupnet.support.TlsFixtures.file;
import static io.cupnet.support.TlsFixtures.tls;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link TlsOptions#builder()} reads the PEM files when it builds and names the option, and the
 * file, that cannot be used.
 */
class TlsOptionsTest {

    @TempDir
    Path dir;

    @Test
    void pemFilesBecomeKeyAndTrustManagers() {
        TlsOptions options = tls("node-a").clientAuth(ClientAuth.REQUIRE).build();

        assertThat(options.keyManagerFactory().getKeyManagers()).isNotEmpty();
        assertThat(options.trustManagerFactory().getTrustManagers()).isNotEmpty();
        assertThat(options.clientAuth()).isEqualTo(ClientAuth.REQUIRE);
        assertThat(options.verifyHostname()).isFalse();
    }

    @Test
    void encryptedKeyIsReadWithItsPassword() {
        TlsOptions options = tls("node-a").privateKey(file("node-a-key-encrypted.pem"))
            .privateKeyPassword("cupnet-secret")
            .build();

        assertThat(options.keyManagerFactory().getKeyManagers()).isNotEmpty();
    }

    @Test
    void missingCertificateFileIsNamed() {
        Path missing = this.dir.resolve("missing.pem");

        assertInvalid(() -> tls("node-a").certificate(missing).build(), "tls.certificate")
            .hasMessageContaining(missing.toString());
    }

    @Test
    void fileWithoutCertificatesIsRefused() {
        assertInvalid(() -> tls("node-a").certificate(file("node-a-key.pem")).build(), "tls.certificate")
            .hasMessageContaining("BEGIN CERTIFICATE");
    }

    @Test
    void unreadableKeyIsNamed() throws Exception {
        Path garbage = Files.writeString(this.dir.resolve("key.pem"),
                "-----BEGIN PRIVATE KEY-----\nbm90IGEga2V5\n-----END PRIVATE KEY-----\n");

        assertInvalid(() -> tls("node-a").privateKey(garbage).build(), "tls.privateKey")
            .hasMessageContaining(garbage.toString());
    }

    @Test
    void keyOfAnotherCertificateIsRefused() {
        assertInvalid(() -> tls("node-a").privateKey(file("node-b-key.pem")).build(), "tls.privateKey")
            .hasMessageContaining("CN=node-a");
    }

    @Test
    void encryptedKeyWithoutPasswordIsRefused() {
        assertInvalid(() -> tls("node-a").privateKey(file("node-a-key-encrypted.pem")).build(),
                "tls.privateKeyPassword");
    }

    @Test
    void encryptedKeyWithTheWrongPasswordIsRefusedWithoutPrintingIt() {
        assertInvalid(() -> tls("node-a").privateKey(file("node-a-key-encrypted.pem"))
            .privateKeyPassword("guess")
            .build(), "tls.privateKeyPassword").hasMessageNotContaining("guess");
    }

    @Test
    void pkcs1KeyIsRefusedWithTheCommandThatConvertsIt() throws Exception {
        Path pkcs1 = Files.writeString(this.dir.resolve("rsa.pem"),
                "-----BEGIN RSA PRIVATE KEY-----\nbm90IGEga2V5\n-----END RSA PRIVATE KEY-----\n");

        assertInvalid(() -> tls("node-a").privateKey(pkcs1).build(), "tls.privateKey")
            .hasMessageContaining("openssl pkcs8 -topk8");
    }

    @Test
    void requiringClientCertificatesNeedsTrustedCertificates() {
        assertInvalid(() -> tls("node-a").trustCertificates(null).clientAuth(ClientAuth.REQUIRE).build(),
                "tls.trustCertificates");
    }

    @Test
    void withoutClientAuthenticationTheDefaultTrustStoreMayBeUsed() {
        assertThat(tls("node-a").trustCertificates(null).build().trustManagerFactory()).isNull();
    }

    @Test
    void unknownProtocolIsNamed() {
        assertInvalid(() -> tls("node-a").protocols(List.of("TLSv9")).build(), "tls.protocols")
            .hasMessageContaining("TLSv9");
    }

    @Test
    void pemFilesAndAKeyManagerTogetherAreRefused() throws Exception {
        assertInvalid(() -> tls("node-a").keyManagerFactory(TlsFixtures.noCertificate()).build(),
                "tls.keyManagerFactory");
    }

    @Test
    void tlsOptionsSurviveCopyingTheNodeOptions() {
        TlsOptions tls = tls("node-a").build();

        CupnetOptions options = CupnetOptions.builder().tls(tls).build().toBuilder().build();

        assertThat(options.tls()).isSameAs(tls);
        assertThat(CupnetOptions.defaults().tls()).isNull();
    }

    private static AbstractThrowableAssert<?, ? extends Throwable> assertInvalid(ThrowingCallable build,
            String option) {
        return assertThatThrownBy(build).isInstanceOfSatisfying(InvalidOptionException.class,
                (ex) -> assertThat(ex.option()).isEqualTo(option));
    }

}
