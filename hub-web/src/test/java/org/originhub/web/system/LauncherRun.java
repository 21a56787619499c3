package org.originhub.web.system;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One run of {@code ./hub} as a user runs it, for the system tests that drive the launcher: the repository's own
 * script, in the repository, with exactly the environment given (nothing inherited), its output and exit status.
 */
record LauncherRun(int exit, String output) {

    /** The repository the tests run in (Failsafe runs in hub-web; {@code hub.repo} overrides). */
    static final Path REPO = Path.of(System.getProperty("hub.repo", "..")).toAbsolutePath().normalize();

    /**
     * Runs {@code ./hub ARGS} and waits for it; a run that outlasts {@code timeoutSeconds} is killed and fails the
     * test with what it printed. Its output goes through a file in {@code scratch} (the system's temporary folder
     * when null), removed afterwards.
     */
    static LauncherRun of(Map<String, String> environment, Path scratch, int timeoutSeconds, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(REPO.resolve("hub").toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(REPO.toFile()).redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().putAll(environment);
        Path output = scratch == null ? Files.createTempFile("hub-launcher", ".out")
                : Files.createTempFile(scratch, "hub-launcher", ".out");
        builder.redirectOutput(output.toFile());
        Process process = builder.start();
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("./hub " + String.join(" ", args) + " did not finish in " + timeoutSeconds
                    + " s:\n" + Files.readString(output));
        }
        String text = Files.readString(output, StandardCharsets.UTF_8);
        Files.delete(output);
        return new LauncherRun(process.exitValue(), text);
    }
    /**
     * When a run failed: a thread dump of every hub node under {@code runDir} (its {@code node-K.pid} files) into
     * {@code node-K.jstack} beside them, and, for the failure message, the threads that were inside the hub's code
     * or the database driver at that moment (where a request that never got its answer would be waiting).
     */
    static String threadDumps(Path runDir) {
        StringBuilder busy = new StringBuilder();
        try (DirectoryStream<Path> pids = Files.newDirectoryStream(runDir, "node-*.pid")) {
            for (Path pidFile : pids) {
                String node = pidFile.getFileName().toString().replace(".pid", "");
                Path dump = runDir.resolve(node + ".jstack");
                Process jstack = new ProcessBuilder("jstack", Files.readString(pidFile).strip())
                        .redirectErrorStream(true).redirectOutput(dump.toFile()).start();
                if (!jstack.waitFor(30, TimeUnit.SECONDS)) {
                    jstack.destroyForcibly();
                }
                for (String thread : Files.readString(dump).split("\n\n")) {
                    if (thread.contains("org.originhub.") || thread.contains("com.mysql.")) {
                        busy.append(node).append(": ").append(thread.strip()).append("\n");
                    }
                }
            }
        } catch (IOException e) {
            busy.append("thread dumps failed: ").append(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return busy.length() == 0 ? "no hub thread was in the hub's code or the driver" : busy.toString();
    }
}
