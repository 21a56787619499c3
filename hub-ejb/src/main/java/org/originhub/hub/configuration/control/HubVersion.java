package org.originhub.hub.configuration.control;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The hub's release version, stamped into the build. */
public final class HubVersion {

    private static final String VERSION = load();

    private HubVersion() {
    }

    public static String current() {
        return VERSION;
    }

    private static String load() {
        try (InputStream in = HubVersion.class.getResourceAsStream(
                "/org/originhub/hub/configuration/hub-version.properties")) {
            if (in == null) {
                throw new IllegalStateException("hub-version.properties missing from the build");
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("hub.version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
