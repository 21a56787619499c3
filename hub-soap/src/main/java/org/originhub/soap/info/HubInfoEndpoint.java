package org.originhub.soap.info;

import jakarta.jws.WebService;
import java.time.ZoneOffset;
import java.util.GregorianCalendar;
import javax.xml.datatype.DatatypeConfigurationException;
import javax.xml.datatype.DatatypeFactory;
import javax.xml.datatype.XMLGregorianCalendar;
import org.originhub.hub.configuration.boundary.HubDescription;
import org.originhub.hub.configuration.boundary.HubStatus;
import org.originhub.soap.contract.info.GetHubInfoRequest;
import org.originhub.soap.contract.info.GetHubInfoResponse;
import org.originhub.soap.contract.info.HubInfoPortType;

/** Translates {@code GetHubInfo} to the {@link HubStatus} boundary; holds no logic of its own. */
@WebService(
        serviceName = "HubInfoService",
        portName = "HubInfoPort",
        targetNamespace = "urn:originhub:info:v1",
        endpointInterface = "org.originhub.soap.contract.info.HubInfoPortType",
        wsdlLocation = "classpath:wsdl/hub-info.wsdl")
public class HubInfoEndpoint implements HubInfoPortType {

    private final HubStatus status;
    private final DatatypeFactory datatypes;

    public HubInfoEndpoint(HubStatus status) {
        this.status = status;
        try {
            this.datatypes = DatatypeFactory.newInstance();
        } catch (DatatypeConfigurationException e) {
            throw new IllegalStateException("No XML datatype factory", e);
        }
    }

    @Override
    public GetHubInfoResponse getHubInfo(GetHubInfoRequest parameters) {
        HubDescription hub = status.describe();
        GetHubInfoResponse response = new GetHubInfoResponse();
        response.setHubName(hub.name());
        response.setHubVersion(hub.version());
        response.setInstanceId(hub.instanceId());
        response.setNode(hub.nodeName());
        response.setHubTime(utc(hub.now()));
        return response;
    }

    private XMLGregorianCalendar utc(java.time.Instant instant) {
        return datatypes.newXMLGregorianCalendar(GregorianCalendar.from(instant.atZone(ZoneOffset.UTC)));
    }
}
