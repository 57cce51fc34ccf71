// Hostile inputs for the end-to-end suite: markup, script URLs, SVG, CSS, entities, bidi
// controls, Markdown syntax, and very long text. Each category is combined with variants so
// that the list is long without being repetitive.

const scripts = [
  (n) => `<script>alert(${n})</script>`,
  (n) => `<SCRIPT>alert(${n})</SCRIPT>`,
  (n) => `<script src="data:text/javascript,alert(${n})"></script>`,
  (n) => `<scr<script>ipt>alert(${n})</script>`,
  (n) => `</textarea><script>alert(${n})</script>`,
  (n) => `"><script>alert(${n})</script>`,
  (n) => `'><script>alert(${n})</script>`,
  (n) => `</title><script>alert(${n})</script>`,
  (n) => `<!--<script>alert(${n})</script>-->`,
  (n) => `<noscript><p title="</noscript><img src=x onerror=alert(${n})>">`,
];
const handlers = ['onerror', 'onload', 'onclick', 'onmouseover', 'onfocus', 'ontoggle', 'onanimationstart', 'onpointerenter', 'onbegin', 'onwheel'];
const handlerTags = [
  (h, n) => `<img src=x ${h}=alert(${n})>`,
  (h, n) => `<svg ${h}=alert(${n})>`,
  (h, n) => `<input autofocus ${h}="alert(${n})">`,
  (h, n) => `<details open ${h}=alert(${n})>`,
  (h, n) => `<div style="animation-name:x" ${h}=alert(${n})>`,
  (h, n) => `<body ${h}=alert(${n})>`,
];
const urls = [
  (n) => `[点此](javascript:alert(${n}))`,
  (n) => `<a href="javascript:alert(${n})">链接</a>`,
  (n) => `<a href="jav&#x09;ascript:alert(${n})">链接</a>`,
  (n) => `<a href=" JaVaScRiPt:alert(${n})">链接</a>`,
  (n) => `<iframe src="javascript:alert(${n})"></iframe>`,
  (n) => `<iframe src="data:text/html,<script>alert(${n})</script>"></iframe>`,
  (n) => `![图](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)${n}`,
  (n) => `<object data="data:text/html,<script>alert(${n})</script>"></object>`,
  (n) => `<embed src="javascript:alert(${n})">`,
  (n) => `<form action="javascript:alert(${n})"><button>提交</button></form>`,
  (n) => `<meta http-equiv="refresh" content="0;url=javascript:alert(${n})">`,
  (n) => `<base href="javascript:alert(${n})//">`,
  (n) => `[x]: javascript:alert(${n})`,
  (n) => `<http://example.com/${n}>`,
  (n) => `![远程图片](http://example.com/${n}.png)`,
  (n) => `[外链](https://example.com/${n})`,
];
const svgs = [
  (n) => `<svg><script>alert(${n})</script></svg>`,
  (n) => `<svg><animate onbegin=alert(${n}) attributeName=x dur=1s>`,
  (n) => `<svg><a xlink:href="javascript:alert(${n})"><text>x</text></a></svg>`,
  (n) => `<math><mtext><table><mglyph><style><img src=x onerror=alert(${n})>`,
  (n) => `<svg><foreignObject><iframe src="javascript:alert(${n})"></iframe></foreignObject></svg>`,
];
const css = [
  (n) => `<div style="background:url(javascript:alert(${n}))">`,
  (n) => `<style>@import 'http://example.com/${n}.css';</style>`,
  (n) => `<div style="width:expression(alert(${n}))">`,
  (n) => `<style>*{background:url("http://example.com/${n}")}</style>`,
  (n) => `<link rel=stylesheet href="http://example.com/${n}.css">`,
];
const entities = [
  (n) => `&lt;script&gt;alert(${n})&lt;/script&gt;`,
  (n) => `&#60;script&#62;alert(${n})&#60;/script&#62;`,
  (n) => `&amp;lt;b&amp;gt;${n}`,
  (n) => `&#x3C;img src=x onerror=alert(${n})&#x3E;`,
  (n) => `&nbsp;&copy;&#0;&#xD800;${n}`,
];
const bidi = [
  (n) => `\u202e${n}txt.exe`,
  (n) => `\u2066\u2067\u2068${n}\u2069`,
  (n) => `零宽\u200b\u200c\u200d\ufeff${n}`,
  (n) => `\u0000空字符${n}`,
  (n) => `换页\f垂直\v${n}`,
];
const markdown = [
  (n) => `# 假标题${n}`,
  (n) => `- 列表${n}`,
  (n) => `1. 编号${n}`,
  (n) => `> 引用${n}`,
  (n) => `**粗体${n}** _斜体_ \`代码\``,
  (n) => `| 表 | 格${n} |`,
  (n) => `---${n}`,
  (n) => `\\反斜杠\\*${n}`,
  (n) => `~~删除${n}~~ ==标记==`,
  (n) => `<!-- 注释${n} -->`,
];

/** At least 200 hostile one-line inputs, each unique. */
export function hostileInputs() {
  const out = [];
  let n = 0;
  const add = (s) => out.push(s);
  for (let round = 0; round < 2; round++) {
    for (const f of scripts) add(f(++n));
    for (const h of handlers) for (const f of handlerTags) add(f(h, ++n));
    for (const f of urls) add(f(++n));
    for (const f of svgs) add(f(++n));
    for (const f of css) add(f(++n));
    for (const f of entities) add(f(++n));
    for (const f of bidi) add(f(++n));
    for (const f of markdown) add(f(++n));
  }
  return out;
}

/** Text that is valid in a JS string but not Unicode: lone surrogates, as clipboards can carry. */
export const LONE_SURROGATES = '前\ud800中\udfff后';
