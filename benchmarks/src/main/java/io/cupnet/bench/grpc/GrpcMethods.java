package io.cupnet.bench.grpc;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

import io.grpc.Drainable;
import io.grpc.KnownLength;
import io.grpc.MethodDescriptor;
import io.grpc.MethodDescriptor.MethodType;

/**
 * The gRPC baseline's service, built by hand without protoc: a client-streaming method for one-way
 * and a unary echo for round trips, both carrying the body as {@code byte[]}, with no protobuf.
 */
final class GrpcMethods {

    /** The service's name. */
    static final String SERVICE = "cupnet.bench.Baseline";

    /** Client streaming: the client sends bodies, the server counts them and answers once, at the end. */
    static final MethodDescriptor<byte[], byte[]> STREAM = method(MethodType.CLIENT_STREAMING, "Stream");

    /** Unary: the server answers a body with the same body. */
    static final MethodDescriptor<byte[], byte[]> ECHO = method(MethodType.UNARY, "Echo");

    private GrpcMethods() {
    }

    private static MethodDescriptor<byte[], byte[]> method(MethodType type, String name) {
        return MethodDescriptor.<byte[], byte[]>newBuilder()
            .setType(type)
            .setFullMethodName(MethodDescriptor.generateFullMethodName(SERVICE, name))
            .setRequestMarshaller(Bytes.INSTANCE)
            .setResponseMarshaller(Bytes.INSTANCE)
            .build();
    }

    /**
     * Marshals a {@code byte[]} as itself. Its stream tells its length and drains itself into gRPC's
     * framer, as protobuf's does; parsing reads the known length into an array of that size.
     */
    private static final class Bytes implements MethodDescriptor.Marshaller<byte[]> {

        static final Bytes INSTANCE = new Bytes();

        @Override
        public InputStream stream(byte[] value) {
            return new BytesStream(value);
        }

        @Override
        public byte[] parse(InputStream stream) {
            try {
                if (!(stream instanceof KnownLength)) {
                    return stream.readAllBytes();
                }
                byte[] bytes = new byte[stream.available()];
                int read = stream.readNBytes(bytes, 0, bytes.length);
                if (read != bytes.length) {
                    throw new IOException("Read " + read + " of " + bytes.length + " bytes");
                }
                return bytes;
            }
            catch (IOException ex) {
                throw new IllegalStateException("Cannot read a message", ex);
            }
        }

    }

    /** A body as a stream of known length that writes itself in one go. */
    private static final class BytesStream extends ByteArrayInputStream implements KnownLength, Drainable {

        BytesStream(byte[] body) {
            super(body);
        }

        @Override
        public int drainTo(OutputStream target) throws IOException {
            int length = this.count - this.pos;
            target.write(this.buf, this.pos, length);
            this.pos = this.count;
            return length;
        }

    }

}
