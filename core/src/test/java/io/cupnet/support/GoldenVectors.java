package io.cupnet.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cupnet.CupMessage;
import io.cupnet.PeerAddress;
import io.cupnet.UniqId;
import io.netty.buffer.ByteBufUtil;

/** Loads the golden frames that the Python CUP library wrote, from the test resources' {@code golden/} folder. */
public final class GoldenVectors {

    private static final List<GoldenVector> ALL = load(directory());

    private GoldenVectors() {
    }

    /** One golden frame: its file, the fields that vectors.json lists for it and the bytes of the file. */
    public record GoldenVector(String file, boolean hasHead, int flag, PeerAddress from, PeerAddress to, int type,
            UniqId uniqId, String bodyHex, byte[] bytes) {

        public byte[] body() {
            return ByteBufUtil.decodeHexDump(bodyHex);
        }

        /** The message that vectors.json describes. */
        public CupMessage message() {
            return CupMessage.builder().flags(flag).from(from).to(to).type(type).uniqId(uniqId).body(body()).build();
        }

        @Override
        public String toString() {
            return file;
        }
    }

    public static List<GoldenVector> all() {
        return ALL;
    }

    public static GoldenVector named(String filePrefix) {
        return ALL.stream().filter(vector -> vector.file().startsWith(filePrefix)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No golden vector starts with " + filePrefix));
    }

    /** The first head-bearing frame of a connection. */
    public static GoldenVector first() {
        return named("01-");
    }

    public static List<GoldenVector> withoutHead() {
        return ALL.stream().filter(vector -> !vector.hasHead()).toList();
    }

    /** The bytes of one connection: frame 01 with its head, then every frame that has no head. */
    public static byte[] connectionStream() {
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        stream.writeBytes(first().bytes());
        withoutHead().forEach(vector -> stream.writeBytes(vector.bytes()));
        return stream.toByteArray();
    }

    /** The folder of the golden frames on the test classpath, {@code golden/} in the test resources. */
    public static Path directory() {
        URL folder = GoldenVectors.class.getResource("/golden/vectors.json");
        if (folder == null) {
            throw new IllegalStateException("Golden vectors were expected at golden/vectors.json on the test classpath "
                    + "(core/src/test/resources/golden) but are not there");
        }
        try {
            return Path.of(folder.toURI()).getParent();
        }
        catch (URISyntaxException ex) {
            throw new IllegalStateException("Cannot locate the golden vectors at " + folder, ex);
        }
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
