package org.originhub.soap.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.cxf.message.Message;
import org.apache.cxf.message.MessageImpl;
import org.junit.jupiter.api.Test;

/**
 * The request size limit: a declared Content-Length over the limit is refused before anything is read, and a request
 * without one (chunked) is refused as soon as the stream passes the limit, so an oversized request is never buffered.
 * Both are TooLarge rejections that the fault mapping turns into the TooLarge fault.
 */
class MessageSizeLimitTest {

    private final MessageSizeLimit limit = new MessageSizeLimit(1000);

    @Test
    void aDeclaredLengthOverTheLimitIsRefusedAtOnce() {
        Message message = message(new byte[10], "5000");

        assertThatThrownBy(() -> limit.handleMessage(message)).isInstanceOf(MessageTooLargeException.class)
                .satisfies(e -> assertThat(FaultMapper.classify(e)).isEqualTo(FaultCode.TOO_LARGE));
    }

    @Test
    void anUndeclaredLengthIsCountedWhileReadingAndRefusedPastTheLimit() throws IOException {
        Message message = message(new byte[1500], null);
        limit.handleMessage(message);
        InputStream in = message.getContent(InputStream.class);

        assertThat(in.readNBytes(1000)).hasSize(1000);
        assertThatThrownBy(() -> in.read(new byte[100])).isInstanceOf(MessageTooLargeException.class);
    }

    @Test
    void aRequestWithinTheLimitIsReadUnchanged() throws IOException {
        byte[] body = "<soap:Envelope/>".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        Message message = message(body, Integer.toString(body.length));
        limit.handleMessage(message);

        assertThat(message.getContent(InputStream.class).readAllBytes()).isEqualTo(body);
    }

    @Test
    void theReasonNamesTheConfigurationKey() {
        assertThat(FaultCode.TOO_LARGE.code()).isEqualTo("TooLarge");
        assertThat(FaultCode.TOO_LARGE.reason()).contains(SecurityPipeline.MAX_MESSAGE_BYTES);
    }

    private static Message message(byte[] body, String contentLength) {
        Message message = new MessageImpl();
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (contentLength != null) {
            headers.put("Content-Length", List.of(contentLength));
        }
        message.put(Message.PROTOCOL_HEADERS, headers);
        message.setContent(InputStream.class, new ByteArrayInputStream(body));
        return message;
    }
}
