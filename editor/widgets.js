// The editor's own widgets and preview, on Decap CMS's plug-in API (window.h = React.createElement).
// - bilingual: a {zh, en} text, the two languages side by side;
// - records: a picker over the existing records of the kinds a link field allows (GET /api/records);
// - the preview pane: what `make check` says about the saved record (GET /api/check), by line and
//   field, and a link to its page in `make serve`.
(function () {
  const h = window.h;
  const CMS = window.CMS;
  const en = window.EXHIBITION_LANG === "en";
  const say = (zh, english) => (en ? english : zh);

  function plain(value) {
    if (value == null) return value;
    return typeof value.toJS === "function" ? value.toJS() : value;
  }

  // --- bilingual ---------------------------------------------------------------------------
  const Bilingual = window.createClass({
    isValid() {
      const value = plain(this.props.value);
      const field = this.props.field;
      const text = typeof value === "string" ? { zh: value, en: value } : value || {};
      if (field.get("required") !== false && !(text.zh || "").trim()) {
        return { error: { message: say("请填写中文。", "Write the Chinese.") } };
      }
      if (field.get("en_required") && (text.zh || "").trim() && !(text.en || "").trim()) {
        return { error: { message: say("请填写英文（替代文字两种语言都要）。", "Write the English too.") } };
      }
      return true;
    },
    change(lang, input) {
      const value = plain(this.props.value);
      const text = typeof value === "string" ? { zh: value, en: value } : { ...(value || {}) };
      text[lang] = input;
      // An Immutable map, made from the field's own configuration (Decap keeps its data immutable).
      let map = this.props.field.clear();
      for (const key of ["zh", "en"]) if (text[key] !== undefined && text[key] !== null) map = map.set(key, text[key]);
      this.props.onChange(map);
    },
    render() {
      const { forID, classNameWrapper, field, setActiveStyle, setInactiveStyle } = this.props;
      const value = plain(this.props.value);
      const text = typeof value === "string" ? { zh: value, en: value } : value || {};
      const tag = field.get("multiline") ? "textarea" : "input";
      const box = (lang, label) =>
        h("div", { key: lang },
          h("label", { htmlFor: `${forID}-${lang}` }, label),
          h(tag, {
            id: lang === "zh" ? forID : `${forID}-${lang}`,
            lang: lang,
            value: text[lang] || "",
            onChange: (event) => this.change(lang, event.target.value),
            onFocus: setActiveStyle,
            onBlur: setInactiveStyle,
            "data-lang": lang,
          }));
      return h("div", { className: `${classNameWrapper} bilingual` },
        box("zh", "中文"), box("en", field.get("en_required") ? "English" : say("English（可稍后翻译）", "English (may wait)")));
    },
  });

  // --- records -------------------------------------------------------------------------------
  let recordsPromise = null;
  const records = () => (recordsPromise = recordsPromise || fetch("/api/records").then((r) => r.json()));

  const Records = window.createClass({
    getInitialState() {
      return { all: [] };
    },
    componentDidMount() {
      records().then((all) => this.setState({ all }));
    },
    ids() {
      const value = plain(this.props.value);
      if (!value) return [];
      return Array.isArray(value) ? value : [value];
    },
    set(ids) {
      const field = this.props.field;
      if (field.get("multiple")) {
        let list = field.get("kinds").clear();
        for (const id of ids) list = list.push(id);
        this.props.onChange(list);
      } else {
        this.props.onChange(ids[0] || "");
      }
    },
    render() {
      const { forID, classNameWrapper, field } = this.props;
      const kinds = plain(field.get("kinds")) || [];
      const chosen = this.ids();
      const byId = Object.fromEntries(this.state.all.map((r) => [r.id, r]));
      const name = (id) => (byId[id] ? `${en ? byId[id].en || byId[id].zh : byId[id].zh} (${id})` : id);
      const options = this.state.all.filter((r) => kinds.includes(r.kind) && !chosen.includes(r.id));
      return h("div", { className: `${classNameWrapper} records` },
        h("ul", null, chosen.map((id) =>
          h("li", { key: id }, name(id),
            h("button", {
              type: "button",
              "aria-label": say(`去掉 ${id}`, `Remove ${id}`),
              onClick: () => this.set(chosen.filter((x) => x !== id)),
            }, "×")))),
        field.get("multiple") || chosen.length === 0
          ? h("select", {
              id: forID,
              value: "",
              onChange: (event) => event.target.value && this.set([...chosen, event.target.value]),
            },
            h("option", { value: "" }, say(`选择一条记录（${field.get("kinds_label")}）…`, `Choose a record (${field.get("kinds_label")})…`)),
            options.map((r) => h("option", { key: r.id, value: r.id }, `${name(r.id)}${r.draft ? say(" · 草稿", " · draft") : ""}`)))
          : null);
    },
  });

  CMS.registerWidget("bilingual", Bilingual);
  CMS.registerWidget("records", Records);

  // --- preview: the record's problems and its page ----------------------------------------------
  const Problems = window.createClass({
    getInitialState() {
      return { result: null };
    },
    componentDidMount() {
      this.load();
      this.timer = setInterval(() => this.load(), 3000); // a save shows here within 3 s
    },
    componentWillUnmount() {
      clearInterval(this.timer);
    },
    load() {
      const path = this.props.entry.get("path");
      if (!path || this.props.entry.get("newRecord")) return;
      fetch("/api/check?path=" + encodeURIComponent(path)).then((r) => r.json()).then((result) => this.setState({ result }));
    },
    render() {
      const data = plain(this.props.entry.get("data")) || {};
      const title = data.title || {};
      const result = this.state.result;
      const parts = [h("h1", { key: "t" }, title.zh || data.id || ""), h("p", { key: "e", lang: "en" }, title.en || "")];
      if (this.props.entry.get("newRecord") || !result) {
        parts.push(h("p", { key: "n" }, say("保存后，这里显示 make check 对这条记录的检查结果。", "After saving, what `make check` says about this record shows here.")));
        return h("div", null, parts);
      }
      if (result.problems.length) {
        parts.push(h("section", { key: "p", className: "problems" },
          h("h2", null, say(`make check 发现 ${result.problems.length} 个问题`, `make check found ${result.problems.length} problem${result.problems.length > 1 ? "s" : ""}`)),
          h("ul", null, result.problems.map((p, i) =>
            h("li", { key: i }, say(`第 ${p.line} 行`, `line ${p.line}`), " · ", h("code", null, p.field || "—"), "：", p.message)))));
      } else {
        parts.push(h("p", { key: "ok", className: "ok" }, say("make check：这条记录没有问题。", "make check: no problems in this record.")));
      }
      if (result.draft) parts.push(h("p", { key: "d" }, say("草稿：网站不发布（make build DRAFTS=1 可预览）。", "Draft: not published (make build DRAFTS=1 previews it).")));
      if (result.preview) {
        parts.push(h("a", { key: "s", className: "serve", href: result.preview[en ? "en" : "zh"], target: "_blank", rel: "noopener" },
          say("在预览网站中打开这一页（先运行 make serve）↗", "Open this page in the preview (run make serve first) ↗")));
      }
      return h("div", null, parts);
    },
  });

  for (const kind of ["place", "vessel", "memorial", "person", "event", "theme", "story", "lesson"]) {
    CMS.registerPreviewTemplate(kind, Problems);
  }
  CMS.registerPreviewStyle("/editor/preview.css");

  CMS.init({
    config: {
      backend: { name: "proxy", proxy_url: location.origin + "/api/v1", branch: "main" },
    },
  });
})();
