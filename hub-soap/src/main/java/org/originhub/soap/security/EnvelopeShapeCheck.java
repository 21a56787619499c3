package org.originhub.soap.security;

import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.stream.util.StreamReaderDelegate;
import org.apache.cxf.interceptor.StaxInInterceptor;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.AbstractPhaseInterceptor;
import org.apache.cxf.phase.Phase;

/**
 * Refuses a soap:Body anywhere but directly under the Envelope, and a second soap:Body there, while the request is
 * being read. CXF takes the first soap:Body element it meets as the Body, even one inside the Header, and never reads
 * past it; a signature-wrapping message (the signed Body moved into a header wrapper, a forged Body after it, or two
 * Bodies side by side) would then be processed as its signed part and the forgery silently dropped, or worse. Such a
 * message is malformed and refused as a whole, before anything else.
 */
final class EnvelopeShapeCheck extends AbstractPhaseInterceptor<Message> {

    private static final String SOAP11_NS = "http://schemas.xmlsoap.org/soap/envelope/";
    private static final String READER = EnvelopeShapeCheck.class.getName() + ".reader";

    EnvelopeShapeCheck() {
        super(Phase.POST_STREAM);
        addAfter(StaxInInterceptor.class.getName());
    }

    @Override
    public void handleMessage(Message message) {
        XMLStreamReader reader = message.getContent(XMLStreamReader.class);
        if (reader != null && !(reader instanceof ShapeCheckingReader)) {
            ShapeCheckingReader checking = new ShapeCheckingReader(reader);
            message.setContent(XMLStreamReader.class, checking);
            message.put(READER, checking);
        }
    }

    /**
     * Reads the request to its end before the service is invoked. CXF stops reading after the Body (and WS-Security
     * replaces the reader with its own DOM view), so whatever follows the Body, such as a second, forged Body, would
     * otherwise never be seen. WS-I Basic Profile R1011: nothing may follow the Body; refused as
     * {@link FaultCode#ENVELOPE_INVALID}.
     */
    static final class ReadToTheEnd extends AbstractPhaseInterceptor<Message> {

        ReadToTheEnd() {
            super(Phase.PRE_INVOKE);
        }

        @Override
        public void handleMessage(Message message) {
            Object reader = message.get(READER);
            if (reader instanceof ShapeCheckingReader checking) {
                checking.drain();
            }
        }
    }

    /** Follows the element depth of everything read and checks each soap:Body as it starts. */
    private static final class ShapeCheckingReader extends StreamReaderDelegate {
        private int depth;
        private int bodies;
        private boolean bodyEnded;

        ShapeCheckingReader(XMLStreamReader reader) {
            super(reader);
            depth = reader.getEventType() == XMLStreamConstants.START_ELEMENT ? 1 : 0;
        }

        @Override
        public int next() throws XMLStreamException {
            return track(super.next());
        }

        @Override
        public int nextTag() throws XMLStreamException {
            return track(super.nextTag());
        }

        @Override
        public String getElementText() throws XMLStreamException {
            String text = super.getElementText();
            depth--;
            return text;
        }

        private int track(int event) {
            if (event == XMLStreamConstants.START_ELEMENT) {
                depth++;
                boolean body = "Body".equals(getLocalName()) && SOAP11_NS.equals(getNamespaceURI());
                if ((body && (depth != 2 || ++bodies > 1)) || (depth == 2 && bodyEnded)) {
                    throw new SecurityHeaderException(FaultCode.ENVELOPE_INVALID);
                }
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                if (depth == 2 && bodies == 1) {
                    bodyEnded = true;
                }
                depth--;
            }
            return event;
        }

        /** Reads what is left of the request, checking it like the rest. */
        void drain() {
            try {
                while (hasNext()) {
                    next();
                }
            } catch (XMLStreamException e) {
                throw new org.apache.cxf.interceptor.Fault(e);
            }
        }
    }
}
