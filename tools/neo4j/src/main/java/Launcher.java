import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;

import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.server.CommunityBootstrapper;

/**
 * Starts the Neo4j community server (Bolt and HTTP, as the distribution's CommunityEntryPoint does) in HOME,
 * bound to 127.0.0.1 on ports the OS picks, with auth on and the password from NEO4J_PASSWORD. Writes
 * {"bolt": …, "http": …, "import": …} to READY_FILE once it answers, and stops when the JVM is told to
 * (SIGTERM, SIGINT) or, with --stop-on-eof, when standard input closes: the parent that holds the pipe has
 * gone, so no JVM outlives its test run.
 *
 * Usage: java -cp … Launcher HOME READY_FILE [--stop-on-eof]
 */
public final class Launcher {
    public static void main(String[] args) throws Exception {
        Path home = Path.of(args[0]).toAbsolutePath();
        Path ready = Path.of(args[1]);
        boolean stopOnEof = args.length > 2 && args[2].equals("--stop-on-eof");
        String password = System.getenv("NEO4J_PASSWORD");
        if (password == null || password.length() < 8) {
            throw new IllegalArgumentException("set NEO4J_PASSWORD (8+ characters)");
        }

        // Ports the OS has free now. Neo4j could bind port 0 itself, but then it would advertise 7687: the
        // advertised Bolt address is what a neo4j:// driver's routing table and Neo4j Browser connect to.
        int bolt = freePort();
        int http = freePort();
        Map<String, String> config = Map.ofEntries(
                Map.entry("server.default_listen_address", "127.0.0.1"),
                Map.entry("server.default_advertised_address", "127.0.0.1"),
                Map.entry("server.bolt.listen_address", ":" + bolt),
                Map.entry("server.bolt.advertised_address", ":" + bolt),
                Map.entry("server.http.listen_address", ":" + http),
                Map.entry("server.http.advertised_address", ":" + http),
                Map.entry("server.https.enabled", "false"),
                // LOAD CSV file:/// reads only here (unset, it reads any file the JVM can: /etc/passwd).
                Map.entry("server.directories.import", home.resolve("import").toString()),
                Map.entry("dbms.security.auth_enabled", "true"),
                Map.entry("server.memory.pagecache.size", System.getProperty("neo4j.pagecache", "256m")),
                Map.entry("dbms.usage_report.enabled", "false"),
                Map.entry("db.tx_log.rotation.retention_policy", "1 files"),
                // Bolt's network threads wait 2 x 5 s of quiet before they stop; a test server has no clients
                // left to wait for, and every test run would pay those 10 s.
                Map.entry("internal.dbms.bolt.netty_server_shutdown_quiet_period", "0"));
        Files.createDirectories(home.resolve("import"));
        CommunityBootstrapper server = new CommunityBootstrapper();
        int status = server.start(home, config);
        if (status != 0) {
            System.err.println("Neo4j did not start (status " + status + "); see " + home.resolve("logs"));
            System.exit(status);
        }

        DatabaseManagementService dbms = server.getDatabaseManagementService();
        // The built-in user's first password, set as `neo4j-admin dbms set-initial-password` would.
        dbms.database("system").executeTransactionally(
                "ALTER USER neo4j SET PASSWORD $password CHANGE NOT REQUIRED", Map.of("password", password));

        String json = String.format(
                "{\"bolt\": \"bolt://127.0.0.1:%d\", \"http\": \"http://127.0.0.1:%d\", \"import\": \"%s\"}%n",
                bolt, http, home.resolve("import"));
        // Written whole, then renamed: a reader never sees half a line.
        Path partial = ready.resolveSibling(ready.getFileName() + ".tmp");
        Files.writeString(partial, json, StandardCharsets.UTF_8);
        Files.move(partial, ready, StandardCopyOption.ATOMIC_MOVE);
        System.out.print("Neo4j ready: " + json);
        System.out.flush();

        if (stopOnEof) {
            waitForEof(System.in);
            System.exit(0); // the server's own shutdown hook stops it
        }
        Thread.currentThread().join(); // until a signal ends the JVM
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void waitForEof(InputStream in) {
        try {
            while (in.read() != -1) {
                // the parent writes nothing; only the end matters
            }
        } catch (IOException closed) {
            // the same: the parent has gone
        }
    }
}
