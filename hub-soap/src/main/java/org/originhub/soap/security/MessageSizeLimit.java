package org.originhub.soap.security;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.AbstractPhaseInterceptor;
import org.apache.cxf.phase.Phase;

/**
 * Refuses requests above the hub's size limit before anything else reads them: at once when the declared
 * Content-Length is too large, otherwise (chunked requests) as soon as the stream passes the limit, so an oversized
 * request never fills the hub's memory.
 */
final class MessageSizeLimit extends AbstractPhaseInterceptor<Message> {

    private final long maxBytes;

    MessageSizeLimit(long maxBytes) {
        super(Phase.RECEIVE);
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("the message size limit must be positive, not " + maxBytes);
        }
        this.maxBytes = maxBytes;
    }

    @Override
    public void handleMessage(Message message) {
        long declared = declaredLength(message);
        if (declared > maxBytes) {
            throw new MessageTooLargeException();
        }
        InputStream in = message.getContent(InputStream.class);
        if (in != null) {
            message.setContent(InputStream.class, new LimitedStream(in, maxBytes));
        }
    }

    @SuppressWarnings("unchecked")
    private static long declaredLength(Message message) {
        Object headers = message.get(Message.PROTOCOL_HEADERS);
        if (!(headers instanceof Map)) {
            return -1;
        }
        for (Map.Entry<String, List<String>> header : ((Map<String, List<String>>) headers).entrySet()) {
            if ("content-length".equalsIgnoreCase(header.getKey()) && header.getValue() != null
                    && !header.getValue().isEmpty()) {
                try {
                    return Long.parseLong(header.getValue().get(0).trim());
                } catch (NumberFormatException e) {
                    return -1;
                }
            }
        }
        return -1;
    }

    /** Counts what is read and fails once the limit is passed. */
    static final class LimitedStream extends FilterInputStream {

        private final long max;
        private long count;

        LimitedStream(InputStream in, long max) {
            super(in);
            this.max = max;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            count(skipped);
            return skipped;
        }

        private void count(long n) {
            count += n;
            if (count > max) {
                throw new MessageTooLargeException();
            }
        }
    }
}
