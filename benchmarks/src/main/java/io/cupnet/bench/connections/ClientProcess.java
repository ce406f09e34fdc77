package io.cupnet.bench.connections;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A child JVM running {@link ConnectionClients}, started from this JVM's class path.
 */
final class ClientProcess implements AutoCloseable {

    private final Process process;

    private final BufferedReader out;

    private ClientProcess(Process process) {
        this.process = process;
        this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.US_ASCII));
    }

    /** Starts the clients and waits until they are about to connect. */
    static ClientProcess start(int port, int count, int frameSize) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = List.of(java, "-Xmx256m", "-Xss256k", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), ConnectionClients.class.getName(), "127.0.0.1",
                Integer.toString(port), Integer.toString(count), Integer.toString(frameSize));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        ClientProcess clients = new ClientProcess(process);
        clients.expect("START");
        return clients;
    }

    /** Waits for the clients' report and returns the number of connections they opened. */
    int awaitConnected() throws IOException {
        String line = expect("CONNECTED");
        return Integer.parseInt(line.split(" ")[1]);
    }

    private String expect(String prefix) throws IOException {
        String line = this.out.readLine();
        if (line == null || !line.startsWith(prefix)) {
            throw new IllegalStateException("The connection clients said '" + line + "' instead of " + prefix);
        }
        return line;
    }

    /** Tells the clients to close their connections and waits until the process ends. */
    @Override
    public void close() throws IOException, InterruptedException {
        try (OutputStream in = this.process.getOutputStream()) {
            in.write("close\n".getBytes(StandardCharsets.US_ASCII));
        }
        catch (IOException ex) {
            // The process has ended already.
        }
        if (!this.process.waitFor(30, TimeUnit.SECONDS)) {
            this.process.destroyForcibly();
        }
    }

}
