<%@ page contentType="text/html; charset=UTF-8" pageEncoding="UTF-8" %>
<%@ taglib prefix="c" uri="jakarta.tags.core" %>
<c:set var="ctx" value="${pageContext.request.contextPath}"/>
<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>GateWatch · Log in</title>
  <link rel="stylesheet" href="${ctx}/static/css/gatewatch.css">
</head>
<body>
<header class="bar"><span class="brand">GateWatch</span></header>
<main class="login">
  <h1>Log in</h1>
  <c:if test="${not empty param.failed}"><p class="error" id="login-error" role="alert">Wrong user name or password.</p></c:if>
  <form method="post" action="${ctx}/j_security_check">
    <label>User <input name="j_username" autocomplete="username" required autofocus></label>
    <label>Password <input name="j_password" type="password" autocomplete="current-password" required></label>
    <button type="submit">Log in</button>
  </form>
</main>
</body>
</html>
