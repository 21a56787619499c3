package org.originhub.web.console;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** {@code /console/}: the caller's home page when signed in (the dashboard, or a member auditor's audit log), else the login page. */
@WebServlet(urlPatterns = {"/console", "/console/"})
public class ConsoleEntry extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        ConsoleView target = request.getUserPrincipal() == null ? ConsoleView.LOGIN
                : ConsoleView.home(ConsoleAccess.roleOf(request));
        response.sendRedirect(request.getContextPath() + target.path());
    }
}
