<%@ page contentType="text/html; charset=UTF-8" pageEncoding="UTF-8" session="false" %>
<%@ taglib prefix="c" uri="jakarta.tags.core" %>
<%@ taglib prefix="fn" uri="jakarta.tags.functions" %>
<c:set var="ctx" value="${pageContext.request.contextPath}"/>
<c:set var="nav" value="people"/>
<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>GateWatch · People</title>
  <link rel="stylesheet" href="${ctx}/static/css/gatewatch.css">
  <c:if test="${not empty csrfToken}"><meta name="csrf-token" content="${csrfToken}"></c:if>
</head>
<body>
<%@ include file="nav.jspf" %>
<main class="page">
  <c:if test="${not empty notice}"><p class="notice" role="status"><c:out value="${notice}"/></p></c:if>
  <section class="panel">
    <h1>People</h1>
    <form class="search" method="get" action="${ctx}/people" role="search">
      <label for="q">Name</label>
      <input id="q" name="q" type="search" value="${fn:escapeXml(q)}" placeholder="part of a name">
      <button type="submit">Search</button>
      <c:if test="${not empty q}"><a href="${ctx}/people">Clear</a></c:if>
    </form>
    <p class="muted" id="people-count"><c:out value="${result.total}"/> person(s)<c:if test="${not empty q}"> matching
      “<c:out value="${q}"/>”</c:if></p>
    <table class="list" id="people">
      <thead><tr><th>Name</th><th>External id</th><th>Active</th><th>Allowed</th></tr></thead>
      <tbody>
      <c:forEach var="p" items="${result.items}">
        <tr>
          <td><a href="${ctx}/people/${p.id}"><c:out value="${p.name}"/></a></td>
          <td><c:out value="${p.externalId}"/></td>
          <td>${p.active ? 'yes' : 'no'}</td>
          <td><c:out value="${empty p.accessWindows.windows ? 'any time' : p.accessWindows}"/></td>
        </tr>
      </c:forEach>
      </tbody>
    </table>
    <c:set var="pageBase" value="${ctx}/people?q=${fn:escapeXml(q)}"/>
    <nav class="pager" aria-label="Pages">
      <c:if test="${result.hasPrevious()}"><a rel="prev" href="${pageBase}&amp;page=${result.page - 1}">« Previous</a></c:if>
      <span>Page <c:out value="${result.page}"/> of <c:out value="${result.pages()}"/></span>
      <c:if test="${result.hasNext()}"><a rel="next" href="${pageBase}&amp;page=${result.page + 1}">Next »</a></c:if>
    </nav>
  </section>

  <c:if test="${mayEdit}">
  <section class="panel">
    <h2>Add a person</h2>
    <form class="stack" method="post" action="${ctx}/people" id="create-person">
      <input type="hidden" name="_csrf" value="${csrfToken}">
      <%@ include file="person-fields.jspf" %>
      <button type="submit">Add person</button>
    </form>
  </section>
  </c:if>
</main>
</body>
</html>
