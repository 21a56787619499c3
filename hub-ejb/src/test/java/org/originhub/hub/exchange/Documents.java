package org.originhub.hub.exchange;

import java.nio.charset.StandardCharsets;

/** CO documents (co-document-v1.xsd) for tests, shaped after the contract samples, with the routing fields chosen. */
public final class Documents {

    private Documents() {
    }

    public static byte[] co(String issuer, String number, String agreement) {
        return co(issuer, number, agreement, "NEW", null);
    }

    public static byte[] replacement(String issuer, String number, String replaced, String agreement) {
        return co(issuer, number, agreement, "REPLACE", replaced);
    }

    public static byte[] co(String issuer, String number, String agreement, String function, String replaced) {
        return utf8("""
                <?xml version="1.0" encoding="UTF-8"?>
                <CertificateOfOrigin xmlns="urn:originhub:co:v1">
                  <MessageFunction>%s</MessageFunction>
                  <ReferenceNumber>%s</ReferenceNumber>%s
                  <IssueDate>2026-03-02</IssueDate>
                  <IssuePlace>Nairobi</IssuePlace>
                  <IssuingAuthority><Name>Customs</Name><Id>AUTH-1</Id><Country>%s</Country></IssuingAuthority>
                  <AgreementCode>%s</AgreementCode>
                  <Preferential>true</Preferential>
                  <Exporter>
                    <Name>Exporter Ltd</Name>
                    <Address><Line>1 Port Road</Line><City>Mombasa</City><Country>%s</Country></Address>
                  </Exporter>
                  <Consignee><Name>Importer Ltd</Name></Consignee>
                  <LoadingPlace><Name>Mombasa</Name><LoCode>KEMBA</LoCode></LoadingPlace>
                  <UnloadingPlace><Name>Dar es Salaam</Name><LoCode>TZDAR</LoCode></UnloadingPlace>
                  <Transport><Mode>1</Mode></Transport>
                  <GoodsItem>
                    <SequenceNumber>1</SequenceNumber>
                    <PackageType>CT</PackageType>
                    <NumberOfPackages>40</NumberOfPackages>
                    <Description>Tea, black, fermented</Description>
                    <HsCode>090230</HsCode>
                    <OriginCriterion>WO</OriginCriterion>
                    <OriginCountry>%s</OriginCountry>
                  </GoodsItem>
                  <GoodsItem>
                    <SequenceNumber>2</SequenceNumber>
                    <PackageType>CT</PackageType>
                    <NumberOfPackages>4</NumberOfPackages>
                    <Description>Coffee, roasted</Description>
                    <HsCode>090121</HsCode>
                    <OriginCriterion>WO</OriginCriterion>
                    <OriginCountry>%s</OriginCountry>
                  </GoodsItem>
                  <ExporterDeclaration><SignatoryName>A Exporter</SignatoryName><SignedAt>2026-03-01T09:15:00Z</SignedAt></ExporterDeclaration>
                  <OfficialCertification><SignatoryName>An Official</SignatoryName><SignedAt>2026-03-02T10:00:00Z</SignedAt></OfficialCertification>
                </CertificateOfOrigin>
                """.formatted(function, number, replaced == null ? ""
                : "\n  <ReplacedReferenceNumber>" + replaced + "</ReplacedReferenceNumber>", issuer, agreement, issuer,
                issuer, issuer));
    }

    public static byte[] cancellation(String issuer, String number) {
        return utf8("""
                <?xml version="1.0" encoding="UTF-8"?>
                <CertificateCancellation xmlns="urn:originhub:co:v1">
                  <MessageFunction>CANCEL</MessageFunction>
                  <ReferenceNumber>%s</ReferenceNumber>
                  <IssueDate>2026-03-05</IssueDate>
                  <IssuingAuthority><Name>Customs</Name><Country>%s</Country></IssuingAuthority>
                  <CancelledAt>2026-03-10T14:30:00Z</CancelledAt>
                  <Reason>The shipment was cancelled by the exporter.</Reason>
                  <OfficialCertification><SignatoryName>An Official</SignatoryName><SignedAt>2026-03-10T14:31:00Z</SignedAt></OfficialCertification>
                </CertificateCancellation>
                """.formatted(number, issuer));
    }

    public static byte[] businessResponse(String kind, String number, String issuer) {
        return utf8("""
                <?xml version="1.0" encoding="UTF-8"?>
                <BusinessResponse xmlns="urn:originhub:co:v1">
                  <ResponseKind>%s</ResponseKind>
                  <CoReferenceNumber>%s</CoReferenceNumber>
                  <IssuingCountry>%s</IssuingCountry>
                  <RespondedAt>2026-03-06T11:20:00Z</RespondedAt>
                  <RespondingOffice><Name>Customs office</Name><Country>XX</Country></RespondingOffice>%s
                </BusinessResponse>
                """.formatted(kind, number, issuer, "REJECTED".equals(kind)
                ? "\n  <Reason>The origin criterion does not fit the goods.</Reason>" : ""));
    }

    public static byte[] verificationRequest(String requestNumber, String number, String issuer) {
        return utf8("""
                <?xml version="1.0" encoding="UTF-8"?>
                <VerificationRequest xmlns="urn:originhub:co:v1">
                  <RequestNumber>%s</RequestNumber>
                  <CoReferenceNumber>%s</CoReferenceNumber>
                  <IssuingCountry>%s</IssuingCountry>
                  <RequestedAt>2026-05-12T09:00:00Z</RequestedAt>
                  <RequestingOffice><Name>Origin Verification Unit</Name><Country>XX</Country></RequestingOffice>
                  <Reason>Risk profile.</Reason>
                  <Question>Please provide the cost breakdown.</Question>
                </VerificationRequest>
                """.formatted(requestNumber, number, issuer));
    }

    public static byte[] verificationResponse(String requestNumber, String number, String issuer, String result) {
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
                """.formatted(requestNumber, number, issuer, result));
    }

    public static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
