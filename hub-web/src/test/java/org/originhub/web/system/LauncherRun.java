package org.originhub.web.system;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
}
