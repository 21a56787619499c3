package org.originhub.soap.registry;

import java.io.ByteArrayOutputStream;
import java.util.List;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.originhub.hub.audit.boundary.CheckpointView;
import org.originhub.registry.agreements.boundary.AgreementView;
import org.originhub.registry.directory.boundary.DirectorySnapshot;

/**
 * The directory as a standalone XML document (namespace {@code urn:originhub:directory:v1}), written the same way
 * every time, whose exact bytes the hub signs. Gateways keep the bytes and the signature and can verify their cached
 * copy at any later time with the hub certificate and plain JCA ({@code SHA256withRSA}), without any XML
 * canonicalization.
 *
 * <p>Since the audit log signs checkpoints, the document ends with the latest one, when there is one:
 * {@code <AuditCheckpoint seq="" hash="" createdAt="" signatureAlgorithm="" signerCertificate="" signature=""/>}
 * (signerCertificate is the SHA-256 fingerprint of the signing certificate, signature is base64). The checkpoint
 * carries its own signature over {@code "originhub-audit-checkpoint-v1\n" seq "\n" hash "\n" createdAt "\n"}, so a
 * member can keep it apart from the directory and later hold it against an export or the hub's chain. Readers of
 * version 1 that do not know the element skip it: it is the last child and only added.
 */
public final class DirectoryDocument {

    public static final String NAMESPACE = "urn:originhub:directory:v1";

    private DirectoryDocument() {
    }

    public static byte[] write(DirectorySnapshot directory, String hubCertificateFingerprint) {
        return write(directory, hubCertificateFingerprint, null);
    }

    /** The document with the audit log's latest signed checkpoint (none when {@code checkpoint} is null). */
    public static byte[] write(DirectorySnapshot directory, String hubCertificateFingerprint,
            CheckpointView checkpoint) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(8192);
        try {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(bytes, "UTF-8");
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeStartElement("Directory");
            xml.writeDefaultNamespace(NAMESPACE);
            xml.writeAttribute("serial", Long.toString(directory.serial()));
            xml.writeAttribute("changedAt", directory.changedAt().toString());
            xml.writeAttribute("generatedAt", directory.generatedAt().toString());
            xml.writeAttribute("hubCertificate", hubCertificateFingerprint);
            for (DirectorySnapshot.Member member : directory.members()) {
                xml.writeStartElement("MemberState");
                xml.writeAttribute("code", member.code());
                xml.writeAttribute("name", member.name());
                xml.writeEndElement();
            }
            for (AgreementView agreement : directory.agreements()) {
                xml.writeStartElement("Agreement");
                xml.writeAttribute("code", agreement.code());
                xml.writeAttribute("name", agreement.name());
                xml.writeAttribute("inForceFrom", agreement.inForceFrom().toString());
                if (agreement.inForceUntil() != null) {
                    xml.writeAttribute("inForceUntil", agreement.inForceUntil().toString());
                }
                children(xml, "Party", agreement.parties());
                xml.writeEndElement();
            }
            for (DirectorySnapshot.GatewayEntry gateway : directory.gateways()) {
                xml.writeStartElement("Gateway");
                xml.writeAttribute("id", gateway.id().toString());
                xml.writeAttribute("memberState", gateway.memberCode());
                xml.writeAttribute("name", gateway.name());
                xml.writeAttribute("deliveryMode", gateway.deliveryMode());
                if (gateway.activeCertificate() != null) {
                    xml.writeAttribute("activeCertificate", gateway.activeCertificate());
                }
                if (gateway.stagedCertificate() != null) {
                    xml.writeAttribute("stagedCertificate", gateway.stagedCertificate());
                }
                children(xml, "Permission", gateway.permissions());
                xml.writeEndElement();
            }
            for (DirectorySnapshot.Signer signer : directory.signers()) {
                xml.writeStartElement("AuthorisedSigner");
                xml.writeAttribute("memberState", signer.memberCode());
                xml.writeAttribute("authority", signer.authority());
                xml.writeAttribute("name", signer.name());
                xml.writeAttribute("certificate", signer.fingerprint());
                xml.writeAttribute("validFrom", signer.validFrom().toString());
                if (signer.validUntil() != null) {
                    xml.writeAttribute("validUntil", signer.validUntil().toString());
                }
                children(xml, "Agreement", signer.agreements());
                xml.writeEndElement();
            }
            if (checkpoint != null) {
                xml.writeStartElement("AuditCheckpoint");
                xml.writeAttribute("seq", Long.toString(checkpoint.seq()));
                xml.writeAttribute("hash", checkpoint.hash());
                xml.writeAttribute("createdAt", checkpoint.createdAt());
                xml.writeAttribute("signatureAlgorithm", checkpoint.signatureAlgorithm());
                xml.writeAttribute("signerCertificate", checkpoint.signerFingerprint());
                xml.writeAttribute("signature", checkpoint.signature());
                xml.writeEndElement();
            }
            xml.writeEndElement();
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write the directory document", e);
        }
        return bytes.toByteArray();
    }

    private static void children(XMLStreamWriter xml, String name, List<String> values) throws XMLStreamException {
        for (String value : values) {
            xml.writeStartElement(name);
            xml.writeCharacters(value);
            xml.writeEndElement();
        }
    }

}
