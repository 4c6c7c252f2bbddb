package org.izagraph.neo4jlocal;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.connectors.HttpsConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.Transaction;
import org.neo4j.io.ByteUnit;

/**
 * Local Neo4j Community server for izagraph development and tests.
 *
 * <p>Runs the real Neo4j kernel through the embedded {@link DatabaseManagementServiceBuilder}
 * with the Bolt connector enabled on 127.0.0.1 and authentication on. Started and stopped by
 * {@code scripts/neo4j-local}; all configuration comes from environment variables:
 *
 * <ul>
 *   <li>{@code NEO4J_HOME_DIR} (required): home directory; data in {@code data/}, logs in {@code logs/}.
 *   <li>{@code NEO4J_BOLT_PORT} (default 7687).
 *   <li>{@code NEO4J_HTTP_PORT} (default unset: HTTP off; a port number turns it on).
 *   <li>{@code NEO4J_USER} (default {@code neo4j}), {@code NEO4J_PASSWORD} (default {@code izagraph-dev}).
 *   <li>{@code NEO4J_PAGECACHE} in MiB (default 256).
 * </ul>
 *
 * <p>The password is (re)applied on every start through the system database, so the value of
 * {@code NEO4J_PASSWORD} at start time is always the one that works. A shutdown hook stops the
 * DBMS cleanly on SIGTERM / SIGINT.
 */
public final class Neo4jServer {

    /** Printed to stdout once Bolt is up and the password is set; scripts/neo4j-local waits for it. */
    static final String READY_MARKER = "izagraph-neo4j: started";

    private Neo4jServer() {}

    private static String env(String name, String def) {
        String v = System.getenv(name);
        return (v == null || v.isBlank()) ? def : v.trim();
    }

    private static int port(String name, int def) {
        String v = env(name, Integer.toString(def));
        try {
            int p = Integer.parseInt(v);
            if (p < 1 || p > 65535) {
                throw new NumberFormatException();
            }
            return p;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a port number (1-65535), got: " + v);
        }
    }

    public static void main(String[] args) throws Exception {
        String home = System.getenv("NEO4J_HOME_DIR");
        if (home == null || home.isBlank()) {
            System.err.println("izagraph-neo4j: NEO4J_HOME_DIR is not set");
            System.exit(2);
        }
        Path homeDir = Paths.get(home).toAbsolutePath();
        int boltPort = port("NEO4J_BOLT_PORT", 7687);
        String httpPortStr = env("NEO4J_HTTP_PORT", "");
        String user = env("NEO4J_USER", "neo4j");
        String password = System.getenv("NEO4J_PASSWORD");
        if (password == null || password.isEmpty()) {
            password = "izagraph-dev";
        }
        long pageCacheMib = Long.parseLong(env("NEO4J_PAGECACHE", "256"));
        if (!user.matches("[A-Za-z][A-Za-z0-9_]*")) {
            throw new IllegalArgumentException("NEO4J_USER must be a simple identifier, got: " + user);
        }

        DatabaseManagementServiceBuilder builder = new DatabaseManagementServiceBuilder(homeDir)
                .setConfig(GraphDatabaseSettings.logs_directory, homeDir.resolve("logs"))
                .setConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.mebiBytes(pageCacheMib))
                // Keep disk use small: no 256 MiB pre-allocated transaction log files.
                .setConfig(GraphDatabaseSettings.preallocate_logical_logs, false)
                .setConfig(GraphDatabaseSettings.logical_log_rotation_threshold, ByteUnit.mebiBytes(64))
                .setConfig(GraphDatabaseSettings.keep_logical_logs, "2 files")
                .setConfig(GraphDatabaseSettings.udc_enabled, false)
                .setConfig(GraphDatabaseSettings.default_listen_address, new SocketAddress("127.0.0.1"))
                .setConfig(GraphDatabaseSettings.auth_enabled, true)
                // Bolt on loopback, plain text (bolt:// URIs).
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", boltPort))
                .setConfig(BoltConnector.advertised_address, new SocketAddress("127.0.0.1", boltPort))
                .setConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
                // Netty's default 5 s quiet period (twice) makes every stop take ~10 s; 1 s is plenty locally.
                .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, 1)
                .setConfig(HttpsConnector.enabled, false);
        if (httpPortStr.isEmpty() || httpPortStr.equals("0") || httpPortStr.equalsIgnoreCase("off")) {
            builder.setConfig(HttpConnector.enabled, false);
        } else {
            int httpPort = port("NEO4J_HTTP_PORT", 7474);
            builder.setConfig(HttpConnector.enabled, true)
                    .setConfig(HttpConnector.listen_address, new SocketAddress("127.0.0.1", httpPort))
                    .setConfig(HttpConnector.advertised_address, new SocketAddress("127.0.0.1", httpPort));
        }

        long t0 = System.nanoTime();
        final DatabaseManagementService dbms = builder.build();
        final CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("izagraph-neo4j: shutting down");
            System.out.flush();
            try {
                dbms.shutdown();
            } catch (Throwable t) {
                t.printStackTrace();
            } finally {
                System.out.println("izagraph-neo4j: stopped");
                System.out.flush();
                stopped.countDown();
            }
        }, "izagraph-neo4j-shutdown"));

        try {
            setPassword(dbms, user, password);
            // Make sure the default database is online before announcing readiness.
            GraphDatabaseService db = dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
            try (Transaction tx = db.beginTx()) {
                tx.execute("RETURN 1").close();
                tx.commit();
            }
        } catch (Throwable t) {
            t.printStackTrace();
            Throwable root = t;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            String hint = String.valueOf(root.getMessage()).toLowerCase().contains("password")
                    ? " (check NEO4J_PASSWORD)" : "";
            System.err.println("izagraph-neo4j: startup failed: " + root.getMessage() + hint);
            System.err.flush();
            System.exit(1);
        }

        long ms = (System.nanoTime() - t0) / 1_000_000;
        System.out.println(READY_MARKER + " bolt://127.0.0.1:" + boltPort + " user=" + user
                + (httpPortStr.isEmpty() || httpPortStr.equals("0") || httpPortStr.equalsIgnoreCase("off")
                        ? " http=off" : " http=127.0.0.1:" + httpPortStr)
                + " in " + ms + " ms");
        System.out.flush();

        stopped.await();
    }

    /** Create the user if needed and set its password, without requiring a change at first login. */
    private static void setPassword(DatabaseManagementService dbms, String user, String password) {
        GraphDatabaseService system = dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME);
        Map<String, Object> params = Map.of("pw", password);
        try (Transaction tx = system.beginTx()) {
            tx.execute("CREATE USER " + user + " IF NOT EXISTS SET PASSWORD $pw CHANGE NOT REQUIRED", params)
                    .close();
            tx.commit();
        }
        try (Transaction tx = system.beginTx()) {
            tx.execute("ALTER USER " + user + " SET PASSWORD $pw CHANGE NOT REQUIRED", params).close();
            tx.commit();
        } catch (RuntimeException e) {
            // Neo4j refuses to "change" a password to the value it already has; that is fine here.
            String msg = String.valueOf(e.getMessage()) + " " + String.valueOf(e.getCause());
            if (!msg.toLowerCase().contains("same")) {
                throw e;
            }
        }
    }
}
