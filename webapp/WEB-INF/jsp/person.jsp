<%@ page contentType="text/html; charset=UTF-8" pageEncoding="UTF-8" session="false" %>
<%@ taglib prefix="c" uri="jakarta.tags.core" %>
<%@ taglib prefix="fn" uri="jakarta.tags.functions" %>
<%@ taglib prefix="fmt" uri="jakarta.tags.fmt" %>
<c:set var="ctx" value="${pageContext.request.contextPath}"/>
<c:set var="nav" value="people"/>
<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>GateWatch · <c:out value="${person.name}"/></title>
  <link rel="stylesheet" href="${ctx}/static/css/gatewatch.css">
  <c:if test="${not empty csrfToken}"><meta name="csrf-token" content="${csrfToken}"></c:if>
</head>
<body>
<%@ include file="nav.jspf" %>
<main class="page">
  <p><a href="${ctx}/people">« All people</a></p>
  <c:if test="${not empty notice}"><p class="notice" role="status"><c:out value="${notice}"/></p></c:if>
  <c:if test="${not empty errors.form}"><p class="field-error" role="alert"><c:out value="${errors.form}"/></p></c:if>

  <section class="panel">
    <h1 id="person-name"><c:out value="${person.name}"/></h1>
    <dl>
      <dt>Id</dt><dd><c:out value="${person.id}"/></dd>
      <dt>Status</dt><dd>${person.active ? 'active' : 'inactive'}</dd>
      <dt>Created</dt><dd><c:out value="${person.createdAt}"/></dd>
      <dt>Updated</dt><dd><c:out value="${person.updatedAt}"/></dd>
      <c:if test="${not mayEdit}">
        <%-- The form below shows these to an admin; a guard reads them here. --%>
        <dt>External id</dt><dd><c:out value="${person.externalId}"/></dd>
        <dt>Allowed</dt><dd><c:out value="${empty person.accessWindows.windows ? 'any time' : person.accessWindows}"/></dd>
        <dt>Notes</dt><dd><c:out value="${person.notes}"/></dd>
      </c:if>
      <dt>Events</dt><dd><a href="${ctx}/events?person=${person.id}">this person's events</a></dd>
    </dl>
  </section>

  <section class="panel">
    <h2>Face images</h2>
    <c:if test="${empty faces}"><p class="muted" id="no-faces">No face image yet<c:if test="${mayEdit}">: upload one or take one from a camera</c:if>.</p></c:if>
    <ul class="thumbs" id="faces">
      <c:forEach var="f" items="${faces}">
        <li>
          <a href="${ctx}/api/people/${person.id}/faces/${f.id}.jpg">
            <img class="thumb" src="${ctx}/api/people/${person.id}/faces/${f.id}.jpg" alt="Face image ${f.id}"
                 width="120" loading="lazy"></a>
          <span class="muted"><c:out value="${f.source == 'CAMERA' ? 'camera' : 'upload'}"/>, <c:out value="${f.width}"/>×<c:out value="${f.height}"/></span>
          <c:if test="${mayEdit}"><c:set var="fa" value="${agreement[f.id]}"/>
          <span class="agreement${not empty fa and not fa.inTemplate ? ' field-error' : ''}" id="agreement-${f.id}"
                title="Cosine similarity with the mean of this person's other faces: a face that disagrees may show someone else, a profile or a blurred picture"><c:choose>
            <c:when test="${empty fa}">agreement: not embedded</c:when>
            <c:when test="${empty fa.agreement}">agreement: only face</c:when>
            <c:otherwise>agreement <fmt:formatNumber value="${fa.agreement}" minFractionDigits="2" maxFractionDigits="2"/><c:if test="${not fa.inTemplate}"> (disagrees, left out)</c:if></c:otherwise>
          </c:choose></span>
          </c:if>
          <c:if test="${mayEdit}">
          <form method="post" action="${ctx}/people/${person.id}">
            <input type="hidden" name="_csrf" value="${csrfToken}">
            <input type="hidden" name="action" value="deleteFace">
            <input type="hidden" name="face" value="${f.id}">
            <button type="submit" class="link">Delete</button>
          </form>
          </c:if>
        </li>
      </c:forEach>
    </ul>
    <c:if test="${mayEdit}">
    <c:if test="${not empty errors.image}"><p class="field-error" role="alert" id="image-error"><c:out value="${errors.image}"/></p></c:if>
    <form class="inline" method="post" action="${ctx}/people/${person.id}" enctype="multipart/form-data" id="upload-face">
      <input type="hidden" name="_csrf" value="${csrfToken}">
      <input type="hidden" name="action" value="upload">
      <label for="image">Upload a JPEG or PNG showing one face</label>
      <input id="image" name="image" type="file" accept="image/jpeg,image/png" required>
      <button type="submit">Upload</button>
    </form>
    <c:if test="${not empty errors.camera}"><p class="field-error" role="alert"><c:out value="${errors.camera}"/></p></c:if>
    <form class="inline" method="post" action="${ctx}/people/${person.id}" id="capture-face">
      <input type="hidden" name="_csrf" value="${csrfToken}">
      <input type="hidden" name="action" value="capture">
      <label for="camera">Take from a live camera</label>
      <select id="camera" name="camera">
        <c:forEach var="cam" items="${cameras}">
          <option value="${fn:escapeXml(cam.id)}"><c:out value="${cam.name}"/></option>
        </c:forEach>
      </select>
      <button type="submit">Take picture</button>
    </form>
    </c:if>
  </section>

  <c:if test="${mayEdit}">
  <section class="panel">
    <h2>Details</h2>
    <form class="stack" method="post" action="${ctx}/people/${person.id}" id="edit-person">
      <input type="hidden" name="_csrf" value="${csrfToken}">
      <input type="hidden" name="action" value="save">
      <%@ include file="person-fields.jspf" %>
      <button type="submit">Save</button>
    </form>
  </section>

  <section class="panel danger">
    <h2>Delete</h2>
    <p>Deleting removes this person and their face images. Their past events stay in the history with the name only.</p>
    <form method="post" action="${ctx}/people/${person.id}" id="delete-person">
      <input type="hidden" name="_csrf" value="${csrfToken}">
      <input type="hidden" name="action" value="delete">
      <label class="check"><input type="checkbox" name="confirm" value="yes" required> I mean it</label>
      <c:if test="${not empty errors.confirm}"><p class="field-error" role="alert"><c:out value="${errors.confirm}"/></p></c:if>
      <button type="submit" class="bad">Delete <c:out value="${person.name}"/></button>
    </form>
  </section>
  </c:if>
</main>
</body>
</html>
