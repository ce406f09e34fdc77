package io.cupnet.internal.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Cipher;
import javax.crypto.EncryptedPrivateKeyInfo;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManagerFactory;

import io.cupnet.options.InvalidOptionException;

/**
 * Reads PEM certificates and PKCS#8 private keys into key and trust manager factories, failing
 * with an {@link InvalidOptionException} that names the option and the file.
 */
public final class PemMaterial {

    private static final Pattern BLOCK = Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----(.*?)-----END \\1-----",
            Pattern.DOTALL);

    private static final List<String> KEY_ALGORITHMS = List.of("RSA", "EC", "Ed25519", "Ed448", "RSASSA-PSS", "DSA");

    /** Protects the key inside the in-memory key store only. */
    private static final char[] STORE_PASSWORD = "cupnet".toCharArray();

    private PemMaterial() {
    }

    /** A key manager factory presenting the certificate chain with its private key. */
    public static KeyManagerFactory keyManagerFactory(Path chainFile, Path keyFile, String password) {
        List<X509Certificate> chain = certificates(chainFile, "tls.certificate");
        PrivateKey key = privateKey(keyFile, password);
        requireMatch(chain.get(0), key, keyFile);
        try {
            KeyStore store = emptyStore();
            store.setKeyEntry("cupnet", key, STORE_PASSWORD, chain.toArray(X509Certificate[]::new));
            KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            factory.init(store, STORE_PASSWORD);
            return factory;
        }
        catch (GeneralSecurityException | IOException ex) {
            throw new InvalidOptionException("tls.privateKey", keyFile, "a key the JDK can use with "
                    + chainFile + " (" + ex.getMessage() + ")");
        }
    }

    /** A trust manager factory trusting every certificate of the file. */
    public static TrustManagerFactory trustManagerFactory(Path file) {
        List<X509Certificate> trusted = certificates(file, "tls.trustCertificates");
        try {
            KeyStore store = emptyStore();
            for (int i = 0; i < trusted.size(); i++) {
                store.setCertificateEntry("trusted-" + i, trusted.get(i));
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            return factory;
        }
        catch (GeneralSecurityException | IOException ex) {
            throw new InvalidOptionException("tls.trustCertificates", file, "certificates the JDK can trust ("
                    + ex.getMessage() + ")");
        }
    }

    static List<X509Certificate> certificates(Path file, String option) {
        List<X509Certificate> certificates = new ArrayList<>();
        List<Block> blocks = blocks(file, option);
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            for (Block block : blocks) {
                if (block.type().equals("CERTIFICATE")) {
                    certificates.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(block.der())));
                }
            }
        }
        catch (GeneralSecurityException ex) {
            throw new InvalidOptionException(option, file, "a PEM file of valid X.509 certificates ("
                    + ex.getMessage() + ")");
        }
        if (certificates.isEmpty()) {
            throw new InvalidOptionException(option, file,
                    "a PEM file with at least one '-----BEGIN CERTIFICATE-----' block");
        }
        return certificates;
    }

    static PrivateKey privateKey(Path file, String password) {
        for (Block block : blocks(file, "tls.privateKey")) {
            switch (block.type()) {
                case "PRIVATE KEY" -> {
                    return decode(block.der(), file);
                }
                case "ENCRYPTED PRIVATE KEY" -> {
                    return decode(decrypt(block.der(), password, file), file);
                }
                case "RSA PRIVATE KEY", "EC PRIVATE KEY" -> throw new InvalidOptionException("tls.privateKey", file,
                        "a PKCS#8 key, not a '" + block.type() + "'; convert it with "
                                + "'openssl pkcs8 -topk8 -nocrypt -in " + file + " -out key-pkcs8.pem'");
                default -> {
                }
            }
        }
        throw new InvalidOptionException("tls.privateKey", file,
                "a PEM file with a '-----BEGIN PRIVATE KEY-----' or '-----BEGIN ENCRYPTED PRIVATE KEY-----' block");
    }

    private static byte[] decrypt(byte[] der, String password, Path file) {
        if (password == null || password.isEmpty()) {
            throw new InvalidOptionException("tls.privateKeyPassword", null,
                    "set: the private key " + file + " is encrypted");
        }
        try {
            EncryptedPrivateKeyInfo info = new EncryptedPrivateKeyInfo(der);
            // PBES2 names its real algorithm (such as PBEWithHmacSHA256AndAES_256) in its parameters.
            String algorithm = (info.getAlgParameters() != null) ? info.getAlgParameters().toString() : info.getAlgName();
            SecretKeyFactory keys = SecretKeyFactory.getInstance(algorithm);
            Cipher cipher = Cipher.getInstance(algorithm);
            cipher.init(Cipher.DECRYPT_MODE, keys.generateSecret(new PBEKeySpec(password.toCharArray())),
                    info.getAlgParameters());
            return info.getKeySpec(cipher).getEncoded();
        }
        catch (GeneralSecurityException | IOException ex) {
            throw new InvalidOptionException("tls.privateKeyPassword", "(hidden)", "the password of " + file
                    + ", which could not be decrypted with it (" + ex.getMessage() + ")");
        }
    }

    private static PrivateKey decode(byte[] pkcs8, Path file) {
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(pkcs8);
        for (String algorithm : KEY_ALGORITHMS) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(spec);
            }
            catch (GeneralSecurityException ex) {
                // Not this algorithm; try the next one.
            }
        }
        throw new InvalidOptionException("tls.privateKey", file, "a PKCS#8 private key of a supported algorithm ("
                + String.join(", ", KEY_ALGORITHMS) + ")");
    }

    /** Signs with the key and verifies with the certificate, so that a mismatch fails at start, not in handshakes. */
    private static void requireMatch(X509Certificate certificate, PrivateKey key, Path keyFile) {
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            case "Ed25519", "Ed448", "EdDSA" -> key.getAlgorithm();
            default -> null;
        };
        if (algorithm == null) {
            return;
        }
        byte[] probe = "cupnet key check".getBytes(StandardCharsets.US_ASCII);
        boolean matches;
        try {
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(probe);
            matches = verifier.verify(signature);
        }
        catch (GeneralSecurityException ex) {
            matches = false;
        }
        if (!matches) {
            throw new InvalidOptionException("tls.privateKey", keyFile, "the private key of the certificate "
                    + certificate.getSubjectX500Principal().getName() + " that opens the certificate chain");
        }
    }

    private static List<Block> blocks(Path file, String option) {
        if (!Files.isRegularFile(file)) {
            throw new InvalidOptionException(option, file, "an existing PEM file; " + file.toAbsolutePath()
                    + " does not exist or is not a file");
        }
        String text;
        try {
            text = Files.readString(file, StandardCharsets.ISO_8859_1);
        }
        catch (IOException ex) {
            throw new InvalidOptionException(option, file, "a readable PEM file (" + ex + ")");
        }
        List<Block> blocks = new ArrayList<>();
        Matcher matcher = BLOCK.matcher(text);
        while (matcher.find()) {
            try {
                blocks.add(new Block(matcher.group(1), Base64.getMimeDecoder().decode(matcher.group(2).trim())));
            }
            catch (IllegalArgumentException ex) {
                throw new InvalidOptionException(option, file, "valid PEM; its '" + matcher.group(1)
                        + "' block is not base64 (" + ex.getMessage() + ")");
            }
        }
        return blocks;
    }

    private static KeyStore emptyStore() throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        return store;
    }

    private record Block(String type, byte[] der) {
    }

}
