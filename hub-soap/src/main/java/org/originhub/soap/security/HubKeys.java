package org.originhub.soap.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Makes the hub's signing key a CDI bean, loaded from the configuration once per application: the SOAP services sign
 * with it, and the audit log signs its checkpoints with it ({@link HubKeyCheckpointSigner}). A keystore that cannot
 * be read fails the first injection, which happens while the services are published: no hub rather than an unsigned
 * one.
 *
 * <p>{@code @Singleton} (one instance, no client proxy) rather than {@code @ApplicationScoped}: {@link HubKey} is a
 * final class, which a normal-scoped bean's proxy cannot subclass.
 */
@ApplicationScoped
public class HubKeys {

    @Produces
    @Singleton
    HubKey hubKey() {
        return HubKey.fromConfig(ConfigProvider.getConfig());
    }
}
