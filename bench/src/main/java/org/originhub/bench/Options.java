package org.originhub.bench;

import java.nio.file.Path;

/** The command line of {@link HubBench}; the launcher fills in the hub's address, pid and database. */
final class Options {

    String hubUrl = "http://127.0.0.1:8080";
    long hubPid = -1;
    /** Every hub node's process (several with {@code --hub-pid} given once per node); the first is {@link #hubPid}. */
    final java.util.List<Long> hubPids = new java.util.ArrayList<>();
    /** The figures of a one-node run of the same invocation, to report this run against ({@code --baseline-run}). */
    Path baselineRun;
    String dbUrl;
    /** The database user the bench seeds and counts with; its password comes from HUB_DB_PASSWORD (environment). */
    String dbUser = "root";
    String dbPassword = "";
    /**
     * The database's server processes ({@code --db-pid}, once per node of a database cluster); none given: the
     * embedded server found by its data folder ({@link ProcessSampler#databasePid}).
     */
    final java.util.List<Long> dbPids = new java.util.ArrayList<>();
    /** What the hub runs on, for the report: {@code embedded} (one MariaDB) or {@code galera} (a Galera cluster). */
    String database = "embedded";
    /**
     * The bare signed echo deployed beside the hub ({@code --echo-url}, the echo's address) and its keys
     * ({@code --echo-keys}, the folder {@code EchoKeyMaker} filled); both or neither (then no echo is measured).
     */
    String echoUrl;
    Path echoKeys;
    String dataDir;
    Path hubCert;
    String adminUser = "admin";
    String adminPassword;
    int count = 10_000;
    int concurrency = 8;
    boolean quick;
    long store = 1_000_000;
    int members = 200;
    Path out = Path.of("target", "bench");
    /** {@code --soak DURATION}: a soak of that length instead of the throughput bench ({@link Soak}); null: none. */
    java.time.Duration soak;
    /** {@code --gc-log FILE}: the hub's GC log ({@code -Xlog:gc}), where the soak reads the heap after GC. */
    Path gcLog;
    /** Seconds from launching the hub (its database up) to its readiness, as the launcher timed it; -1 unknown. */
    double startToReadySeconds = -1;

    static Options parse(String[] args) {
        return parse(args, System.getenv("HUB_ADMIN_PASSWORD"), System.getenv("HUB_DB_PASSWORD"));
    }

    static Options parse(String[] args, String adminPassword) {
        return parse(args, adminPassword, null);
    }

    static Options parse(String[] args, String adminPassword, String dbPassword) {
        Options o = new Options();
        o.adminPassword = adminPassword;
        o.dbPassword = dbPassword == null ? "" : dbPassword;
        boolean countGiven = false;
        boolean storeGiven = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--hub-url" -> o.hubUrl = value(args, ++i, a);
                case "--hub-pid" -> o.hubPids.add(Long.parseLong(value(args, ++i, a)));
                case "--baseline-run" -> o.baselineRun = Path.of(value(args, ++i, a));
                case "--db-url" -> o.dbUrl = value(args, ++i, a);
                case "--db-user" -> o.dbUser = value(args, ++i, a);
                case "--db-pid" -> o.dbPids.add(Long.parseLong(value(args, ++i, a)));
                case "--database" -> {
                    o.database = value(args, ++i, a);
                    if (!o.database.equals("embedded") && !o.database.equals("galera")) {
                        throw new IllegalArgumentException("--database takes embedded or galera");
                    }
                }
                case "--echo-url" -> o.echoUrl = value(args, ++i, a);
                case "--echo-keys" -> o.echoKeys = Path.of(value(args, ++i, a));
                case "--data-dir" -> o.dataDir = value(args, ++i, a);
                case "--hub-cert" -> o.hubCert = Path.of(value(args, ++i, a));
                case "--admin-user" -> o.adminUser = value(args, ++i, a);
                case "--count" -> {
                    o.count = positive(value(args, ++i, a), a);
                    countGiven = true;
                }
                case "--concurrency" -> o.concurrency = positive(value(args, ++i, a), a);
                case "--store" -> {
                    o.store = positive(value(args, ++i, a), a);
                    storeGiven = true;
                }
                case "--members" -> o.members = positive(value(args, ++i, a), a);
                case "--out" -> o.out = Path.of(value(args, ++i, a));
                case "--quick" -> o.quick = true;
                case "--soak" -> o.soak = SoakDuration.parse(value(args, ++i, a));
                case "--gc-log" -> o.gcLog = Path.of(value(args, ++i, a));
                case "--start-to-ready" -> o.startToReadySeconds = Double.parseDouble(value(args, ++i, a));
                default -> throw new IllegalArgumentException("unknown option " + a);
            }
        }
        if (o.quick) {
            o.count = countGiven ? o.count : 300;
            o.store = storeGiven ? o.store : 20_000;
            o.members = Math.min(o.members, 50);
        }
        if (o.count < 8) {
            throw new IllegalArgumentException("--count must be at least 8");
        }
        if (o.members < 10 || o.members > 600) {
            throw new IllegalArgumentException("--members must be between 10 and 600");
        }
        if ((o.echoUrl == null) != (o.echoKeys == null)) {
            throw new IllegalArgumentException("--echo-url and --echo-keys go together");
        }
        o.hubPid = o.hubPids.isEmpty() ? -1 : o.hubPids.get(0);
        if (o.dbUrl == null || o.hubPid < 0 || o.adminPassword == null || o.adminPassword.isBlank()) {
            throw new IllegalArgumentException("--db-url, --hub-pid and HUB_ADMIN_PASSWORD (environment) are required");
        }
        return o;
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    private static int positive(String value, String option) {
        int n = Integer.parseInt(value);
        if (n < 1) {
            throw new IllegalArgumentException(option + " must be positive");
        }
        return n;
    }
}
