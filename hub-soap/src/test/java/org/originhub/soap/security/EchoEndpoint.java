package org.originhub.soap.security;

import jakarta.annotation.Resource;
import jakarta.xml.ws.Provider;
import jakarta.xml.ws.Service;
import jakarta.xml.ws.ServiceMode;
import jakarta.xml.ws.WebServiceContext;
import jakarta.xml.ws.WebServiceProvider;
import java.io.StringReader;
import java.util.concurrent.atomic.AtomicInteger;
import javax.xml.transform.Source;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMResult;
import javax.xml.transform.stream.StreamSource;
import org.w3c.dom.Document;
import org.w3c.dom.Node;

/**
 * A protected test endpoint: echoes the request's text with the authenticated sender, counts its invocations (the
 * security tests require zero for every rejected message), and fails on purpose for the text "explode".
 */
@WebServiceProvider(serviceName = "EchoService", portName = "EchoPort", targetNamespace = EchoEndpoint.NAMESPACE)
@ServiceMode(Service.Mode.PAYLOAD)
public class EchoEndpoint implements Provider<Source> {

    static final String NAMESPACE = "urn:originhub:test";
    /** What the deliberate failure says: internal text that must never reach a caller. */
    static final String INTERNAL_TEXT = "java.lang.IllegalStateException: secret table hub_secret at "
            + "org.originhub.soap.Internal.method(Internal.java:42)";

    final AtomicInteger invocations = new AtomicInteger();

    @Resource
    WebServiceContext context;

    @Override
    public Source invoke(Source request) {
        invocations.incrementAndGet();
        String text = text(request);
        if ("explode".equals(text)) {
            throw new IllegalStateException(INTERNAL_TEXT);
        }
        AuthenticatedSender sender = AuthenticatedSender.of(context);
        return new StreamSource(new StringReader("<t:EchoResponse xmlns:t=\"" + NAMESPACE + "\"><t:Member>"
                + sender.memberCode() + "</t:Member><t:Gateway>" + sender.gatewayId() + "</t:Gateway><t:Text>"
                + text + "</t:Text></t:EchoResponse>"));
    }

    private static String text(Source request) {
        try {
            DOMResult result = new DOMResult();
            TransformerFactory.newInstance().newTransformer().transform(request, result);
            Node node = result.getNode();
            Node root = node instanceof Document document ? document.getDocumentElement() : node;
            return root.getTextContent().trim();
        } catch (TransformerException e) {
            throw new IllegalStateException(e);
        }
    }
}
