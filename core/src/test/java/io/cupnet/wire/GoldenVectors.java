package io.cupnet.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.ByteBufUtil;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

/** Loads the golden frames that the Python CUP library wrote, from {@code shared/protocol/vectors}. */
final class GoldenVectors {

    static final String DIRECTORY_PROPERTY = "cupnet.vectors.dir";

    private static final List<GoldenVector> ALL = load(directory());

    private GoldenVectors() {
    }

    /** One golden frame: its file, the fields that vectors.json lists for it and the bytes of the file. */
    record GoldenVector(String file, boolean hasHead, int flag, PeerAddress from, PeerAddress to, int type,
            UniqId uniqId, String bodyHex, byte[] bytes) {

        byte[] body() {
            return ByteBufUtil.decodeHexDump(bodyHex);
        }

        /** The message that vectors.json describes. */
        CupMessage message() {
            return CupMessage.builder().flags(flag).from(from).to(to).type(type).uniqId(uniqId).body(body()).build();
        }

        @Override
        public String toString() {
            return file;
        }
    }

    static List<GoldenVector> all() {
        return ALL;
    }

    static GoldenVector named(String filePrefix) {
        return ALL.stream().filter(vector -> vector.file().startsWith(filePrefix)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No golden vector starts with " + filePrefix));
    }

    /** The first head-bearing frame of a connection. */
    static GoldenVector first() {
        return named("01-");
    }

    static List<GoldenVector> withoutHead() {
        return ALL.stream().filter(vector -> !vector.hasHead()).toList();
    }

    /** The bytes of one connection: frame 01 with its head, then every frame that has no head. */
    static byte[] connectionStream() {
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        stream.writeBytes(first().bytes());
        withoutHead().forEach(vector -> stream.writeBytes(vector.bytes()));
        return stream.toByteArray();
    }

    static Path directory() {
        String configured = System.getProperty(DIRECTORY_PROPERTY);
        if (configured == null) {
            throw new IllegalStateException("System property " + DIRECTORY_PROPERTY + " is not set; core/pom.xml sets it "
                    + "for surefire to shared/protocol/vectors beside the repository");
        }
        Path directory = Paths.get(configured).toAbsolutePath().normalize();
        if (!Files.isRegularFile(directory.resolve("vectors.json"))) {
            throw new IllegalStateException("Golden vectors were expected in " + directory
                    + " (vectors.json and *.bin, from shared/protocol/vectors beside the repository) but are not there");
        }
        return directory;
    }

    private static List<GoldenVector> load(Path directory) {
        try {
            JsonNode root = new ObjectMapper().readTree(directory.resolve("vectors.json").toFile());
            List<GoldenVector> vectors = new ArrayList<>();
            for (JsonNode node : root) {
                vectors.add(toVector(directory, node));
            }
            return List.copyOf(vectors);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read golden vectors from " + directory, e);
        }
    }

    private static GoldenVector toVector(Path directory, JsonNode node) throws IOException {
        String file = node.get("file").asText();
        return new GoldenVector(file, node.get("has_head").asBoolean(), node.get("flag").asInt(),
                toAddress(node.get("from")), toAddress(node.get("to")), (int) node.get("type").asLong(),
                UniqId.parse(node.get("uniq_id").asText()), node.get("body_hex").asText(),
                Files.readAllBytes(directory.resolve(file)));
    }

    private static PeerAddress toAddress(JsonNode node) {
        return PeerAddress.of(node.get("ip").asText(), node.get("port").asInt())
                .withSubEndpoint(node.get("stub").asInt(), node.get("future").asInt());
    }
}
