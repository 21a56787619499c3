package org.originhub.soap.security;

import java.time.Clock;
import java.time.Instant;
import org.apache.wss4j.common.ext.WSSecurityException;
import org.apache.wss4j.dom.handler.RequestData;
import org.apache.wss4j.dom.message.token.Timestamp;
import org.apache.wss4j.dom.validate.Credential;
import org.apache.wss4j.dom.validate.Validator;

/**
 * The Timestamp rules of the profile: Created at most {@link SecurityProfile#TIMESTAMP_TTL} old and at most
 * {@link SecurityProfile#FUTURE_SKEW} ahead, Expires (when given) not passed and after Created. Replaces WSS4J's
 * validator, which reports "too old" and "from the future" as the same error; the cause carries which one.
 */
final class ProfileTimestampValidator implements Validator {

    private final Clock clock;

    ProfileTimestampValidator(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Credential validate(Credential credential, RequestData data) throws WSSecurityException {
        Timestamp timestamp = credential == null ? null : credential.getTimestamp();
        if (timestamp == null || timestamp.getCreated() == null) {
            throw rejected(FaultCode.TIMESTAMP_INVALID);
        }
        Instant now = clock.instant();
        Instant created = timestamp.getCreated();
        Instant expires = timestamp.getExpires();
        if (expires != null && !expires.isAfter(created)) {
            throw rejected(FaultCode.TIMESTAMP_INVALID);
        }
        if (created.isAfter(now.plus(SecurityProfile.FUTURE_SKEW))) {
            throw rejected(FaultCode.TIMESTAMP_IN_FUTURE);
        }
        if (created.isBefore(now.minus(SecurityProfile.TIMESTAMP_TTL)) || (expires != null && !expires.isAfter(now))) {
            throw rejected(FaultCode.TIMESTAMP_EXPIRED);
        }
        return credential;
    }

    private static WSSecurityException rejected(FaultCode code) {
        return new WSSecurityException(WSSecurityException.ErrorCode.MESSAGE_EXPIRED,
                new SecurityHeaderException(code), "invalidTimestamp", new Object[] {code.name()});
    }
}
