package org.originhub.web.console;

import jakarta.faces.component.UIComponent;
import jakarta.faces.context.FacesContext;
import jakarta.faces.convert.Converter;
import jakarta.faces.convert.ConverterException;
import jakarta.faces.convert.FacesConverter;
import java.time.Instant;

/** Shows every {@link Instant} on the console the same way, in UTC to the second. */
@FacesConverter(forClass = Instant.class)
public class InstantConverter implements Converter<Instant> {

    @Override
    public Instant getAsObject(FacesContext context, UIComponent component, String value) {
        throw new ConverterException("times are not entered in this form");
    }

    @Override
    public String getAsString(FacesContext context, UIComponent component, Instant value) {
        return Pages.time(value);
    }
}
