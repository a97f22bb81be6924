<%@ page contentType="text/html; charset=UTF-8" pageEncoding="UTF-8" session="false" %>
<%@ taglib prefix="c" uri="jakarta.tags.core" %>
<c:set var="ctx" value="${pageContext.request.contextPath}"/>
<c:set var="nav" value=""/>
<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>GateWatch · <c:out value="${status}"/></title>
  <link rel="stylesheet" href="${ctx}/static/css/gatewatch.css">
  <c:if test="${not empty csrfToken}"><meta name="csrf-token" content="${csrfToken}"></c:if>
</head>
<body>
<%@ include file="nav.jspf" %>
<main class="page">
  <section class="panel">
    <h1>Error <c:out value="${status}"/></h1>
    <p class="field-error" role="alert"><c:out value="${message}"/></p>
  </section>
</main>
</body>
</html>
