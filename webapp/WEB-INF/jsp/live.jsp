<%@ page contentType="text/html; charset=UTF-8" pageEncoding="UTF-8" session="false" %>
<%@ taglib prefix="c" uri="jakarta.tags.core" %>
<%@ taglib prefix="fmt" uri="jakarta.tags.fmt" %>
<%@ taglib prefix="fn" uri="jakarta.tags.functions" %>
<c:set var="ctx" value="${pageContext.request.contextPath}"/>
<c:set var="nav" value="live"/>
<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>GateWatch · Live</title>
  <link rel="stylesheet" href="${ctx}/static/css/gatewatch.css">
  <c:if test="${not empty csrfToken}"><meta name="csrf-token" content="${csrfToken}"></c:if>
</head>
<body>
<%@ include file="nav.jspf" %>
<%-- Filled by static/js/live.js from /api/status when decisions are not reaching the database, the trail or the door. --%>
<p class="error records-warning" id="records-warning" role="alert" hidden></p>
<div class="live-layout">
<main class="cameras" data-widths="${streamWidths}">
  <c:forEach var="cam" items="${cameras}">
    <section class="camera" id="camera-${cam.id}" data-camera="${cam.id}">
      <div class="frame">
        <img class="stream" id="stream-${cam.id}" src="${ctx}/cameras/${cam.id}/video_feed"
             alt="Live video of ${fn:escapeXml(cam.name)}">
      </div>
      <div class="meta">
        <h2><c:out value="${cam.name}"/></h2>
        <span class="state state-${cam.state}" data-field="state"><c:out value="${cam.state}"/></span>
        <dl>
          <dt>Source fps</dt><dd data-field="fps"><fmt:formatNumber value="${cam.fps}" maxFractionDigits="1"/></dd>
          <dt>Viewers</dt><dd data-field="viewers"><c:out value="${cam.viewers}"/></dd>
          <c:if test="${cam.analysis}">
            <dt>In / out</dt><dd><span data-field="countIn"><c:out value="${cam.countIn}"/></span> / <span data-field="countOut"><c:out value="${cam.countOut}"/></span></dd>
          </c:if>
          <dt>Idle stop</dt><dd><c:out value="${cam.idleSeconds}"/> s<c:if test="${cam.alwaysOn}"> (always on)</c:if></dd>
          <dt>Links</dt><dd><a href="${ctx}/cameras/${cam.id}/snapshot.jpg">snapshot</a></dd>
        </dl>
        <p class="error" data-field="lastError"><c:out value="${cam.lastError}"/></p>
      </div>
    </section>
  </c:forEach>
</main>
<%-- New access events, pushed by Server-Sent Events (static/js/events-panel.js); without JavaScript, a link. For
     guards and admins: a viewer's browser would only be refused the events. --%>
<c:if test="${maySeeEvents}">
<aside class="panel events-panel" id="events-panel" aria-live="polite"
       data-stream="${ctx}/api/events/stream" data-counts="${ctx}/api/events/counts">
  <h2>Access events today</h2>
  <dl class="counts">
    <div><dt>Granted</dt><dd data-count="GRANTED">–</dd></div>
    <div><dt>Denied</dt><dd data-count="DENIED">–</dd></div>
    <div><dt>Passages</dt><dd data-count="PASSAGE">–</dd></div>
    <div><dt>Total</dt><dd data-count="total">–</dd></div>
  </dl>
  <ol id="live-events"></ol>
  <p class="muted"><a href="${ctx}/events">All events »</a> <span data-field="sse-state"></span></p>
</aside>
</c:if>
</div>
<footer class="foot">Streams are MJPEG (<code>multipart/x-mixed-replace</code>); add <code>?fps=N</code> to cap a viewer's rate,
  <code>?overlay=0</code> for the picture without analysis, <code>?width=N</code> or <code>?size=small|medium</code> for a
  smaller one.
  <span id="snapshot-disk">Event snapshots on disk: <c:choose><c:when test="${snapshotMegabytes != null}"><fmt:formatNumber value="${snapshotMegabytes}" maxFractionDigits="1"/> MB</c:when><c:otherwise>unknown</c:otherwise></c:choose></span></footer>
<script src="${ctx}/static/js/live.js" defer></script>
<script src="${ctx}/static/js/events-panel.js" defer></script>
</body>
</html>
