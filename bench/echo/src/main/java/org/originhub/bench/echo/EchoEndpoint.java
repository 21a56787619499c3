package org.originhub.bench.echo;

import jakarta.jws.WebService;
import org.originhub.bench.echo.contract.EchoPortType;
import org.originhub.bench.echo.contract.EchoRequest;
import org.originhub.bench.echo.contract.EchoResponse;

/** Answers with the payload it received: the least work a signed SOAP operation can do. */
@WebService(
        serviceName = "EchoService",
        portName = "EchoPort",
        targetNamespace = "urn:originhub:bench:echo:v1",
        endpointInterface = "org.originhub.bench.echo.contract.EchoPortType",
        wsdlLocation = "classpath:wsdl/echo.wsdl")
public class EchoEndpoint implements EchoPortType {

    @Override
    public EchoResponse echo(EchoRequest request) {
        EchoResponse response = new EchoResponse();
        response.setPayload(request.getPayload());
        return response;
    }
}
