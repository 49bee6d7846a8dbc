import { UNIVERSITIES } from '@civic/catalogue';

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The development sign-in page (never in production): an administrator, or the coordinator of a chosen university. */
export function developmentSignInPage(csrf: string): string {
  const options = UNIVERSITIES.map((u) => `<option value="${escape(u.id)}">${escape(u.zh)} · ${escape(u.en)}</option>`).join('');
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>开发登录 · Development sign-in — 美好社区 Civic Match</title><link rel="stylesheet" href="/sign-in.css"></head>
<body><main class="sign-in">
<h1>开发登录 <span lang="en">Development sign-in</span></h1>
<p>仅用于本地开发，生产环境不存在此页面。<span lang="en">For local development only; production has no such page.</span></p>
<form method="post" action="/auth/dev-sign-in">
<input type="hidden" name="_csrf" value="${escape(csrf)}"><input type="hidden" name="role" value="admin">
<button type="submit">以管理员身份登录 <span lang="en">Sign in as administrator</span></button>
</form>
<form method="post" action="/auth/dev-sign-in">
<input type="hidden" name="_csrf" value="${escape(csrf)}"><input type="hidden" name="role" value="coordinator">
<label for="university">高校 <span lang="en">University</span></label>
<select id="university" name="university">${options}</select>
<button type="submit">以高校协调人身份登录 <span lang="en">Sign in as coordinator</span></button>
</form>
</main></body></html>`;
}
