package org.originhub.soap.security;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The hub's signing key for the whole application, loaded once from configuration on first use (HUB_KEYSTORE, or the
 * development key under the data folder). The SOAP services and the push client share it through CDI.
 */
@ApplicationScoped
public class HubKeys {

    private volatile HubKey key;

    /** The hub key; a keystore that cannot be read fails here, loudly: better no hub than an unsigned one. */
    public HubKey key() {
        HubKey loaded = key;
        if (loaded == null) {
            synchronized (this) {
                loaded = key;
                if (loaded == null) {
                    loaded = HubKey.fromConfig(ConfigProvider.getConfig());
                    key = loaded;
                }
            }
        }
        return loaded;
    }
}
