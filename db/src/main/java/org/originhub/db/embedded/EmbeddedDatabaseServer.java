package org.originhub.db.embedded;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.CountDownLatch;

/**
 * The embedded database as a process of its own, run by {@code ./hub start} when {@code HUB_DB_URL} is not set. It
 * starts MariaDB on 127.0.0.1, writes the JDBC URL to the ready file once the server accepts connections, and stops the
 * server when the process is asked to end (SIGTERM / Ctrl-C).
 *
 * <pre>java -cp ... org.originhub.db.embedded.EmbeddedDatabaseServer DATA_DIR PORT READY_FILE</pre>
 */
public final class EmbeddedDatabaseServer {

    private EmbeddedDatabaseServer() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        if (args.length != 3) {
            System.err.println("usage: EmbeddedDatabaseServer DATA_DIR PORT READY_FILE");
            System.exit(64);
        }
        Path dataDir = Path.of(args[0]).toAbsolutePath();
        int port = Integer.parseInt(args[1]);
        Path readyFile = Path.of(args[2]).toAbsolutePath();
        Files.deleteIfExists(readyFile);

        EmbeddedDatabase database;
        try {
            database = EmbeddedDatabase.start(dataDir, port);
        } catch (RuntimeException e) {
            System.err.println("embedded database: " + e.getMessage());
            System.exit(3);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                database.close();
                Files.deleteIfExists(readyFile);
            } catch (RuntimeException | IOException e) {
                System.err.println("embedded database: " + e.getMessage());
            } finally {
                stopped.countDown();
            }
        }, "embedded-db-shutdown"));

        Path partial = readyFile.resolveSibling(readyFile.getFileName() + ".part");
        Files.writeString(partial, database.jdbcUrl() + "\n", StandardCharsets.UTF_8);
        Files.move(partial, readyFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        System.out.println("embedded database ready: " + database.jdbcUrl() + " (data in " + dataDir + ")");
        stopped.await();
    }
}
