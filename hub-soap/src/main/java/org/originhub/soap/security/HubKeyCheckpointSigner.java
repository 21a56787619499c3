package org.originhub.soap.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.security.cert.X509Certificate;
import org.originhub.hub.audit.boundary.CheckpointSigner;

/** The audit log's checkpoints are signed with the hub's own key, the one gateways already pin. */
@ApplicationScoped
public class HubKeyCheckpointSigner implements CheckpointSigner {

    @Inject
    HubKey hubKey;

    @Override
    public String algorithm() {
        return HubKey.SIGNATURE_ALGORITHM;
    }

    @Override
    public byte[] sign(byte[] data) {
        return hubKey.sign(data);
    }

    @Override
    public X509Certificate certificate() {
        return hubKey.certificate();
    }
}
