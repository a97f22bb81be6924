<%@ page contentType="text/html; charset=UTF-8" pageEncoding="UTF-8" session="false" %>
<%@ taglib prefix="c" uri="jakarta.tags.core" %>
<%@ taglib prefix="fn" uri="jakarta.tags.functions" %>
<%@ taglib prefix="fmt" uri="jakarta.tags.fmt" %>
<c:set var="ctx" value="${pageContext.request.contextPath}"/>
<c:set var="nav" value="events"/>
<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>GateWatch · Events</title>
  <link rel="stylesheet" href="${ctx}/static/css/gatewatch.css">
  <c:if test="${not empty csrfToken}"><meta name="csrf-token" content="${csrfToken}"></c:if>
</head>
<body>
<%@ include file="nav.jspf" %>
<main class="page">
  <section class="panel">
    <h1>Access events</h1>
    <form class="filters" method="get" action="${ctx}/events" id="event-filters">
      <label>Camera
        <select name="camera">
          <option value="">any</option>
          <c:forEach var="cam" items="${cameras}">
            <option value="${fn:escapeXml(cam.id)}" <c:if test="${param.camera == cam.id}">selected</c:if>><c:out value="${cam.name}"/></option>
          </c:forEach>
        </select>
      </label>
      <label>Decision
        <select name="decision" id="decision">
          <option value="">any</option>
          <c:forEach var="d" items="${decisions}">
            <option value="${d}" <c:if test="${fn:toUpperCase(param.decision) == d.name()}">selected</c:if>>${fn:toLowerCase(d.name())}</option>
          </c:forEach>
        </select>
      </label>
      <label>Show
        <select name="kind" id="kind">
          <option value="">all events</option>
          <option value="people" <c:if test="${param.kind == 'people'}">selected</c:if>>people only</option>
          <option value="camera" <c:if test="${param.kind == 'camera'}">selected</c:if>>cameras only (down, up, analysis)</option>
        </select>
      </label>
      <label>Person id <input name="person" inputmode="numeric" size="6" value="${fn:escapeXml(param.person)}"></label>
      <label>From <input name="from" type="datetime-local" value="${fn:escapeXml(param.from)}"></label>
      <label>To <input name="to" type="datetime-local" value="${fn:escapeXml(param.to)}"></label>
      <button type="submit">Filter</button>
      <a href="${ctx}/events">Clear</a>
    </form>
    <c:forEach var="e" items="${errors}"><p class="field-error" role="alert"><c:out value="${e.value}"/></p></c:forEach>
    <p class="muted"><span id="event-count"><c:out value="${result.total}"/></span> event(s), newest first; times in
      <c:out value="${zone}"/>. <a href="${ctx}/api/events/export.csv?${fn:escapeXml(query)}" id="csv">Export CSV</a></p>
    <table class="list events" id="events">
      <thead><tr><th>Time</th><th>Camera</th><th>Decision</th><th>Person</th><th>Score</th><th title="Liveness model: 0 live .. 1 photo or screen">Spoof</th><th>Face</th><th>Frame</th></tr></thead>
      <tbody>
      <c:forEach var="row" items="${rows}">
        <c:set var="e" value="${row.event}"/>
        <tr data-event="${e.id}" data-decision="${e.decision}">
          <td><c:out value="${row.localTime}"/></td>
          <td><c:out value="${e.camera}"/></td>
          <td><span class="decision decision-${fn:toLowerCase(e.decision)}">${fn:toLowerCase(e.decision)}</span>
            <c:if test="${not empty e.rule}"><small class="muted rule"><c:out value="${e.rule}"/></small></c:if></td>
          <td>
            <c:choose>
              <c:when test="${not empty e.personId}"><a href="${ctx}/people/${e.personId}"><c:out value="${e.personName}"/></a></c:when>
              <c:otherwise><c:out value="${empty e.personName ? '—' : e.personName}"/></c:otherwise>
            </c:choose>
          </td>
          <td><c:if test="${not empty e.score}"><fmt:formatNumber value="${e.score}" maxFractionDigits="2"/></c:if></td>
          <td class="spoof"><c:if test="${not empty e.spoofScore}"><fmt:formatNumber value="${e.spoofScore}" maxFractionDigits="2"/></c:if></td>
          <td><c:if test="${not empty e.faceFile}"><a href="${ctx}/api/events/${e.id}/face.jpg"><img class="thumb small" loading="lazy"
               src="${ctx}/api/events/${e.id}/face.jpg" alt="Face at event ${e.id}" width="48"></a></c:if></td>
          <td><c:if test="${not empty e.frameFile}"><a href="${ctx}/api/events/${e.id}/frame.jpg"><img class="thumb" loading="lazy"
               src="${ctx}/api/events/${e.id}/frame.jpg" alt="Frame at event ${e.id}" width="96"></a></c:if>
              <c:if test="${not empty e.snapshotError}"><span class="field-error" title="${fn:escapeXml(e.snapshotError)}">no snapshot</span></c:if></td>
        </tr>
      </c:forEach>
      </tbody>
    </table>
    <nav class="pager" aria-label="Pages">
      <c:if test="${result.hasPrevious()}"><a rel="prev" href="${ctx}/events?${fn:escapeXml(query)}&amp;page=${result.page - 1}">« Newer</a></c:if>
      <span>Page <c:out value="${result.page}"/> of <c:out value="${result.pages()}"/></span>
      <c:if test="${result.hasNext()}"><a rel="next" href="${ctx}/events?${fn:escapeXml(query)}&amp;page=${result.page + 1}">Older »</a></c:if>
    </nav>
  </section>
</main>
</body>
</html>
