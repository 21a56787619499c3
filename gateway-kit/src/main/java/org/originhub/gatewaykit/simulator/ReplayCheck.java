package org.originhub.gatewaykit.simulator;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.cxf.binding.soap.SoapMessage;
import org.apache.cxf.binding.soap.interceptor.AbstractSoapInterceptor;
import org.apache.cxf.helpers.CastUtils;
import org.apache.cxf.phase.Phase;
import org.apache.wss4j.dom.WSConstants;
import org.apache.wss4j.dom.engine.WSSecurityEngineResult;
import org.apache.wss4j.dom.handler.WSHandlerConstants;
import org.apache.wss4j.dom.handler.WSHandlerResult;
import org.originhub.gatewaykit.security.Sha256;
import org.originhub.gatewaykit.security.WsSecurityProfile;

/**
 * Refuses a signed request seen before. Runs after the signature and the signer were verified, so forged messages
 * cannot fill the memory or burn a genuine message's signature. In memory: the simulator is one process, and a
 * message older than the timestamp window is refused by the timestamp check anyway.
 */
final class ReplayCheck extends AbstractSoapInterceptor {

    private final Map<String, Instant> seen = new ConcurrentHashMap<>();
    private final Clock clock;

    ReplayCheck(Clock clock) {
        super(Phase.PRE_PROTOCOL);
        addAfter("org.originhub.gatewaykit.security.PinnedSignerCheck");
        this.clock = clock;
    }

    @Override
    public void handleMessage(SoapMessage message) {
        Instant now = clock.instant();
        seen.values().removeIf(until -> until.isBefore(now));
        byte[] signature = signatureValue(message);
        if (signature == null) {
            return; // PinnedSignerCheck already refused anything unsigned
        }
        Instant keepUntil = now.plus(WsSecurityProfile.TIMESTAMP_TTL).plus(WsSecurityProfile.FUTURE_SKEW);
        if (seen.putIfAbsent(Sha256.hex(signature), keepUntil) != null) {
            throw new ReplayedRequestException();
        }
    }

    private static byte[] signatureValue(SoapMessage message) {
        List<WSHandlerResult> results = CastUtils.cast((List<?>) message.get(WSHandlerConstants.RECV_RESULTS));
        if (results == null) {
            return null;
        }
        for (WSHandlerResult result : results) {
            List<WSSecurityEngineResult> signatures = result.getActionResults().get(WSConstants.SIGN);
            if (signatures != null && !signatures.isEmpty()) {
                return (byte[]) signatures.get(0).get(WSSecurityEngineResult.TAG_SIGNATURE_VALUE);
            }
        }
        return null;
    }
}
