package org.originhub.registry.cache.boundary;

import java.security.cert.X509Certificate;
import java.util.List;
import org.originhub.registry.gateways.boundary.SenderCheck;

/** The certificates of the ACTIVE trust anchors and the sender check of one certificate, read at one version. */
public record SenderTrust(List<X509Certificate> trustAnchors, SenderCheck check) {
}
