package org.originhub.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * A JFR recording of the hub process (started and dumped with {@code jcmd}, the JDK's own tool, so the hub needs no
 * option at start), summarised from its {@code jdk.ExecutionSample} events: the hottest top frames, and the samples
 * grouped by the layer their top frame belongs to (crypto, XML, WS-Security, database driver, ...).
 */
final class Profiler {

    /** Layers by package prefix of the top frame, first match wins (more specific prefixes first). */
    private static final Map<String, String> LAYERS = new LinkedHashMap<>();

    static {
        LAYERS.put("java.math.", "RSA / big-integer arithmetic");
        LAYERS.put("sun.security.rsa.", "RSA / big-integer arithmetic");
        LAYERS.put("sun.security.provider.", "digests (SHA-256) and JDK crypto");
        LAYERS.put("sun.security.", "digests (SHA-256) and JDK crypto");
        LAYERS.put("com.sun.crypto.", "digests (SHA-256) and JDK crypto");
        LAYERS.put("javax.crypto.", "digests (SHA-256) and JDK crypto");
        LAYERS.put("java.security.", "digests (SHA-256) and JDK crypto");
        LAYERS.put("org.apache.xml.security.", "XML signature / C14N (Santuario)");
        LAYERS.put("org.apache.wss4j.", "WS-Security (WSS4J)");
        LAYERS.put("com.ctc.wstx.", "XML parsing and writing (StAX, DOM, JAXB)");
        LAYERS.put("com.sun.org.apache.xerces.", "XML parsing and writing (StAX, DOM, JAXB)");
        LAYERS.put("com.sun.org.apache.xml.", "XML parsing and writing (StAX, DOM, JAXB)");
        LAYERS.put("com.sun.org.apache.xpath.", "XML parsing and writing (StAX, DOM, JAXB)");
        LAYERS.put("org.glassfish.jaxb.", "XML parsing and writing (StAX, DOM, JAXB)");
        LAYERS.put("com.sun.xml.", "XML parsing and writing (StAX, DOM, JAXB)");
        LAYERS.put("org.w3c.", "XML parsing and writing (StAX, DOM, JAXB)");
        LAYERS.put("javax.xml.", "XML parsing and writing (StAX, DOM, JAXB)");
        LAYERS.put("jdk.xml.", "XML parsing and writing (StAX, DOM, JAXB)");
        LAYERS.put("org.apache.cxf.", "SOAP stack (CXF)");
        LAYERS.put("com.mysql.", "JDBC driver (Connector/J)");
        LAYERS.put("org.eclipse.persistence.", "JPA (EclipseLink)");
        LAYERS.put("org.originhub.", "hub code");
        LAYERS.put("org.glassfish.grizzly.", "HTTP server and container (Grizzly, Payara, Weld)");
        LAYERS.put("org.glassfish.", "HTTP server and container (Grizzly, Payara, Weld)");
        LAYERS.put("com.sun.enterprise.", "HTTP server and container (Grizzly, Payara, Weld)");
        LAYERS.put("fish.payara.", "HTTP server and container (Grizzly, Payara, Weld)");
        LAYERS.put("org.jboss.weld.", "HTTP server and container (Grizzly, Payara, Weld)");
        LAYERS.put("org.apache.catalina.", "HTTP server and container (Grizzly, Payara, Weld)");
        LAYERS.put("com.hazelcast.", "HTTP server and container (Grizzly, Payara, Weld)");
        LAYERS.put("java.util.regex.", "JDK: regex, strings, collections, I/O");
        LAYERS.put("java.", "JDK: regex, strings, collections, I/O");
        LAYERS.put("jdk.", "JDK: regex, strings, collections, I/O");
        LAYERS.put("sun.", "JDK: regex, strings, collections, I/O");
    }

    private final long pid;
    private final Path file;
    private final String name;
    private boolean started;

    /** A recording of the hub process {@code pid} into {@code file}; the file's name is the recording's name too. */
    Profiler(long pid, Path file) {
        this.pid = pid;
        this.file = file;
        this.name = file.getFileName().toString().replace(".jfr", "");
    }

    /** Starts a recording with the JDK's "profile" settings (execution samples every 10-20 ms); false if refused. */
    boolean start() {
        started = jcmd("JFR.start", "name=" + name, "settings=profile");
        return started;
    }

    /** Dumps and stops the recording; the summary, or null when there is none. */
    Summary stop() {
        if (!started) {
            return null;
        }
        boolean dumped = jcmd("JFR.dump", "name=" + name, "filename=" + file.toAbsolutePath());
        jcmd("JFR.stop", "name=" + name);
        if (!dumped) {
            return null;
        }
        try {
            return summarise(file);
        } catch (IOException e) {
            System.err.println("bench: cannot read the JFR recording " + file + ": " + e.getMessage());
            return null;
        }
    }

    private boolean jcmd(String... command) {
        List<String> args = new ArrayList<>();
        args.add(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString());
        args.add(Long.toString(pid));
        args.addAll(List.of(command));
        try {
            Process p = new ProcessBuilder(args).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            boolean done = p.waitFor(60, TimeUnit.SECONDS);
            if (!done || p.exitValue() != 0) {
                System.err.println("bench: jcmd " + String.join(" ", command) + " failed: " + out.trim());
                return false;
            }
            return true;
        } catch (IOException e) {
            System.err.println("bench: jcmd not usable: " + e.getMessage());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    static Summary summarise(Path recording) throws IOException {
        Map<String, Integer> frames = new HashMap<>();
        Map<String, Integer> layers = new HashMap<>();
        Map<String, Integer> hubFrames = new HashMap<>();
        int total = 0;
        for (RecordedEvent event : RecordingFile.readAllEvents(recording)) {
            if (!"jdk.ExecutionSample".equals(event.getEventType().getName())) {
                continue;
            }
            RecordedStackTrace stack = event.getStackTrace();
            if (stack == null || stack.getFrames().isEmpty()) {
                continue;
            }
            total++;
            RecordedFrame top = stack.getFrames().get(0);
            String type = top.getMethod().getType().getName();
            frames.merge(type + "." + top.getMethod().getName(), 1, Integer::sum);
            layers.merge(layer(type), 1, Integer::sum);
            // the hub's own entry point the sample runs under: which part of the hub pays for it
            for (RecordedFrame frame : stack.getFrames()) {
                String t = frame.getMethod().getType().getName();
                if (t.startsWith("org.originhub.")) {
                    hubFrames.merge(t.substring(t.lastIndexOf('.') + 1) + "." + frame.getMethod().getName(), 1,
                            Integer::sum);
                    break;
                }
            }
        }
        return new Summary(total, top(frames, 15), top(layers, 20), top(hubFrames, 12));
    }

    private static String layer(String type) {
        for (Map.Entry<String, String> e : LAYERS.entrySet()) {
            if (type.startsWith(e.getKey())) {
                return e.getValue();
            }
        }
        return "other libraries";
    }

    private static List<Map.Entry<String, Integer>> top(Map<String, Integer> counts, int n) {
        return counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(n)
                .map(e -> Map.entry(e.getKey(), e.getValue())).toList();
    }

    /** Sample counts: hottest top frames, per layer, and per innermost hub frame on the stack. */
    record Summary(int samples, List<Map.Entry<String, Integer>> topFrames,
            List<Map.Entry<String, Integer>> layers, List<Map.Entry<String, Integer>> hubFrames) {
    }
}
