package org.gatewatch.web;

import jakarta.el.ELContext;
import jakarta.el.ELException;
import jakarta.el.ELResolver;
import jakarta.el.PropertyNotWritableException;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.jsp.JspFactory;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;

/**
 * Lets the JSPs read a record's components ({@code ${page.total}}) on Tomcat 10.1 too. Tomcat 11's EL reads records;
 * Tomcat 10.1's (EL 5.0) knows only getters, and failed the people page with "Property [total] not found". Read
 * only: a JSP never sets a property.
 */
public final class RecordElResolver extends ELResolver {

    /** Registers the resolver with the JSP engine before the first page is served. */
    public static final class Registration implements ServletContextListener {
        @Override
        public void contextInitialized(ServletContextEvent event) {
            JspFactory factory = JspFactory.getDefaultFactory();
            if (factory != null) {
                factory.getJspApplicationContext(event.getServletContext()).addELResolver(new RecordElResolver());
            }
        }
    }

    @Override
    public Object getValue(ELContext context, Object base, Object property) {
        RecordComponent component = component(base, property);
        if (component == null) {
            return null;
        }
        try {
            java.lang.reflect.Method accessor = component.getAccessor();
            if (!accessor.canAccess(base)) {
                // A record nested in a class that is not public: its accessor is public, its class is not.
                accessor.setAccessible(true);
            }
            Object value = accessor.invoke(base);
            context.setPropertyResolved(base, property);
            return value;
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new ELException("cannot read " + property + " of " + base.getClass().getSimpleName(), e);
        }
    }

    @Override
    public Class<?> getType(ELContext context, Object base, Object property) {
        RecordComponent component = component(base, property);
        if (component != null) {
            context.setPropertyResolved(base, property);
        }
        // Read only: EL asks for a type only to write.
        return null;
    }

    @Override
    public void setValue(ELContext context, Object base, Object property, Object value) {
        if (component(base, property) != null) {
            throw new PropertyNotWritableException("a record cannot be changed: " + property);
        }
    }

    @Override
    public boolean isReadOnly(ELContext context, Object base, Object property) {
        if (component(base, property) != null) {
            context.setPropertyResolved(base, property);
            return true;
        }
        return false;
    }

    @Override
    public Class<?> getCommonPropertyType(ELContext context, Object base) {
        return base instanceof Record ? String.class : null;
    }

    private static RecordComponent component(Object base, Object property) {
        if (!(base instanceof Record) || property == null) {
            return null;
        }
        String name = property.toString();
        for (RecordComponent component : base.getClass().getRecordComponents()) {
            if (component.getName().equals(name)) {
                return component;
            }
        }
        return null;
    }
}
