package io.cupnet.bench.connections;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A child JVM started from this JVM's class path that holds the far ends of the measured
 * connections, so that its sockets count against neither the measured node's memory nor its file
 * descriptors. It reports on its standard output, one line per step, and closes its sockets and ends
 * when its standard input says {@code close} or ends.
 */
final class ChildProcess implements AutoCloseable {

    private final Process process;

    private final BufferedReader out;

    private ChildProcess(Process process) {
        this.process = process;
        this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.US_ASCII));
    }

    /** Starts {@code main} with {@code args}; its standard error goes to this JVM's. */
    static ChildProcess start(Class<?> main, String... args) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xmx256m", "-Xss256k", "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        return new ChildProcess(process);
    }

    /**
     * Waits for the child's next line, which must start with {@code prefix}.
     * @return the line
     */
    String expect(String prefix) throws IOException {
        String line = this.out.readLine();
        if (line == null || !line.startsWith(prefix)) {
            throw new IllegalStateException("The child process said '" + line + "' instead of " + prefix);
        }
        return line;
    }

    /** Tells the child to close its connections and waits until it ends. */
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

    /** Blocks until standard input says {@code close} or ends; for the child's side. */
    static void awaitClose() throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.US_ASCII));
        String line;
        while ((line = in.readLine()) != null) {
            if (line.equals("close")) {
                return;
            }
        }
    }

}
