package org.originhub.gatewaykit.samples;

import java.nio.charset.StandardCharsets;

/**
 * Builds valid sample documents (co-document-v1.xsd) whose routing fields (issuer, CO number, agreement, function,
 * references) are the caller's, so that they match the envelope they travel in.
 */
public final class SampleDocuments {

    private static final String CO = """
            <?xml version="1.0" encoding="UTF-8"?>
            <CertificateOfOrigin xmlns="urn:originhub:co:v1">
              <MessageFunction>%1$s</MessageFunction>
              <ReferenceNumber>%2$s</ReferenceNumber>%3$s
              <IssueDate>2026-03-02</IssueDate>
              <IssuePlace>Capital City</IssuePlace>
              <IssuingAuthority><Name>Chamber of Commerce</Name><Id>AUTH-1</Id><Country>%4$s</Country></IssuingAuthority>
              <AgreementCode>%5$s</AgreementCode>
              <Preferential>true</Preferential>
              <Exporter>
                <Name>%6$s</Name>
                <Address><Line>1 Port Road</Line><City>Port City</City><Country>%4$s</Country></Address>
              </Exporter>
              <Consignee><Name>Importer Trading Co.</Name></Consignee>
              <LoadingPlace><Name>Port City</Name></LoadingPlace>
              <UnloadingPlace><Name>Inland Depot</Name></UnloadingPlace>
              <Transport><Mode>1</Mode></Transport>
              <GoodsItem>
                <SequenceNumber>1</SequenceNumber>
                <PackageType>CT</PackageType>
                <NumberOfPackages>40</NumberOfPackages>
                <Description>Tea, black, fermented</Description>
                <HsCode>090230</HsCode>
                <OriginCriterion>WO</OriginCriterion>
                <OriginCountry>%4$s</OriginCountry>
              </GoodsItem>
              <ExporterDeclaration><SignatoryName>A. Exporter</SignatoryName><SignedAt>2026-03-01T09:15:00Z</SignedAt></ExporterDeclaration>
              <OfficialCertification><SignatoryName>An Official</SignatoryName><SignedAt>2026-03-02T10:00:00Z</SignedAt></OfficialCertification>
            </CertificateOfOrigin>
            """;

    private SampleDocuments() {
    }

    /** A new CO (function NEW). */
    public static byte[] certificate(String issuer, String coNumber, String agreement) {
        return certificate(issuer, coNumber, agreement, "Exporter Ltd");
    }

    /** A new CO whose exporter name is the caller's (to carry odd characters through the hub, say). */
    public static byte[] certificate(String issuer, String coNumber, String agreement, String exporterName) {
        return utf8(CO.formatted("NEW", coNumber, "", issuer, agreement, escape(exporterName)));
    }

    /** A CO that replaces {@code replacedCoNumber} (function REPLACE). */
    public static byte[] replacement(String issuer, String coNumber, String replacedCoNumber, String agreement) {
        return utf8(CO.formatted("REPLACE", coNumber,
                "\n  <ReplacedReferenceNumber>" + replacedCoNumber + "</ReplacedReferenceNumber>", issuer,
                agreement, "Exporter Ltd"));
    }

    /** The issuer withdraws a CO (function CANCEL). */
    public static byte[] cancellation(String issuer, String coNumber) {
        return utf8("""
                <?xml version="1.0" encoding="UTF-8"?>
                <CertificateCancellation xmlns="urn:originhub:co:v1">
                  <MessageFunction>CANCEL</MessageFunction>
                  <ReferenceNumber>%s</ReferenceNumber>
                  <IssueDate>2026-03-05</IssueDate>
                  <IssuingAuthority><Name>Chamber of Commerce</Name><Country>%s</Country></IssuingAuthority>
                  <CancelledAt>2026-03-10T14:30:00Z</CancelledAt>
                  <Reason>The shipment was cancelled by the exporter.</Reason>
                  <OfficialCertification><SignatoryName>An Official</SignatoryName><SignedAt>2026-03-10T14:31:00Z</SignedAt></OfficialCertification>
                </CertificateCancellation>
                """.formatted(coNumber, issuer));
    }

    /** The importing member's decision: ACCEPTED, REJECTED or UTILISED. */
    public static byte[] businessResponse(String kind, String coNumber, String issuer, String responder) {
        return utf8("""
                <?xml version="1.0" encoding="UTF-8"?>
                <BusinessResponse xmlns="urn:originhub:co:v1">
                  <ResponseKind>%s</ResponseKind>
                  <CoReferenceNumber>%s</CoReferenceNumber>
                  <IssuingCountry>%s</IssuingCountry>
                  <RespondedAt>2026-03-06T11:20:00Z</RespondedAt>
                  <RespondingOffice><Name>Customs office</Name><Country>%s</Country></RespondingOffice>%s
                </BusinessResponse>
                """.formatted(kind, coNumber, issuer, responder, "REJECTED".equals(kind)
                ? "\n  <Reason>The origin criterion does not fit the goods.</Reason>" : ""));
    }

    /** A retroactive verification request from the importing member. */
    public static byte[] verificationRequest(String requestNumber, String coNumber, String issuer,
            String requester) {
        return utf8("""
                <?xml version="1.0" encoding="UTF-8"?>
                <VerificationRequest xmlns="urn:originhub:co:v1">
                  <RequestNumber>%s</RequestNumber>
                  <CoReferenceNumber>%s</CoReferenceNumber>
                  <IssuingCountry>%s</IssuingCountry>
                  <RequestedAt>2026-05-12T09:00:00Z</RequestedAt>
                  <RequestingOffice><Name>Origin Verification Unit</Name><Country>%s</Country></RequestingOffice>
                  <Reason>Risk profile.</Reason>
                  <Question>Please provide the cost breakdown.</Question>
                </VerificationRequest>
                """.formatted(requestNumber, coNumber, issuer, requester));
    }

    /** The issuer's answer: CONFIRMED or NOT_CONFIRMED. */
    public static byte[] verificationResponse(String requestNumber, String coNumber, String issuer, String result) {
        return utf8("""
                <?xml version="1.0" encoding="UTF-8"?>
                <VerificationResponse xmlns="urn:originhub:co:v1">
                  <RequestNumber>%s</RequestNumber>
                  <CoReferenceNumber>%s</CoReferenceNumber>
                  <IssuingCountry>%s</IssuingCountry>
                  <RespondedAt>2026-06-20T16:45:00Z</RespondedAt>
                  <Result>%s</Result>
                  <Finding>The producer's records support the origin.</Finding>
                  <OfficialCertification><SignatoryName>An Official</SignatoryName><SignedAt>2026-06-20T16:50:00Z</SignedAt></OfficialCertification>
                </VerificationResponse>
                """.formatted(requestNumber, coNumber, issuer, result));
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
