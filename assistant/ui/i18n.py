"""Every label the app's chrome shows, in English and 中文, and how a browser's language picks one."""
from __future__ import annotations

from typing import Any

LANGUAGES = ("en", "zh")
# What the language selector shows; the values are our language codes.
LANGUAGE_CHOICES = [("English", "en"), ("中文", "zh")]

LABELS: dict[str, dict[str, str]] = {
    "page_title": {"en": "likethis — shop by photo", "zh": "likethis — 拍照找同款"},
    "title": {"en": "likethis — shop by photo", "zh": "likethis — 拍照找同款"},
    "subtitle": {"en": "shop by photo", "zh": "拍照找同款"},
    "tagline": {
        "en": "Drop a photo, then refine in your own words: “like this but in red”, “cheaper”, “#3 but longer”.",
        "zh": "发一张照片，再用自己的话细化：“同款红色”、“便宜一点”、“第3个但要长款”。",
    },
    "status": {
        "en": "Encoder: {backend} ({reason}) · {count} products indexed",
        "zh": "编码器：{backend}（{reason}）· 已索引 {count} 件商品",
    },
    "language": {"en": "Language", "zh": "语言"},
    "chat": {"en": "Chat", "zh": "对话"},
    "chat_placeholder": {
        "en": "Show me a photo (📎: camera or gallery, or paste one) and tell me what you want.",
        "zh": "发一张照片（📎：拍照或从相册选，也可以粘贴），再告诉我你想要什么。",
    },
    "input": {"en": "Your message", "zh": "你的消息"},
    "input_placeholder": {
        "en": "Photo 📎 and/or words",
        "zh": "照片 📎 和/或文字",
    },
    "crop": {"en": "✂️ Crop the photo", "zh": "✂️ 裁剪照片"},
    "crop_editor": {
        "en": "Drag the box or its corners around the item you mean (arrow keys move a focused corner or the box), "
              "then 🔍 Search this part. Sending a message with the photo attached searches the box too.",
        "zh": "拖动方框或四角框住你想找的那件（选中角或方框后也可用方向键移动），再点 🔍 搜索框内部分。"
              "带着照片发送消息时，搜索的也是框内部分。",
    },
    "crop_empty": {"en": "Attach a photo with 📎 (or take one with the camera) and it appears here.",
                   "zh": "用 📎 添加照片（或用相机拍一张），照片会显示在这里。"},
    "crop_search": {"en": "🔍 Search this part", "zh": "🔍 搜索框内部分"},
    "crop_whole": {"en": "🖼️ Whole photo", "zh": "🖼️ 整张照片"},
    "crop_box": {"en": "Area to search: drag it, or move it with the arrow keys",
                 "zh": "要搜索的区域：拖动，或用方向键移动"},
    "crop_corner_nw": {"en": "Top-left corner: drag, or use the arrow keys", "zh": "左上角：拖动或用方向键"},
    "crop_corner_ne": {"en": "Top-right corner: drag, or use the arrow keys", "zh": "右上角：拖动或用方向键"},
    "crop_corner_sw": {"en": "Bottom-left corner: drag, or use the arrow keys", "zh": "左下角：拖动或用方向键"},
    "crop_corner_se": {"en": "Bottom-right corner: drag, or use the arrow keys", "zh": "右下角：拖动或用方向键"},
    "crop_found": {"en": "found in your photo", "zh": "在照片中找到的商品"},
    "crop_yours": {"en": "your crop", "zh": "你的裁剪"},
    "crop_status": {"en": "Box: {width}% × {height}% of the photo", "zh": "方框：照片的 {width}% × {height}%"},
    "your_photo": {"en": "Your photo", "zh": "你的照片"},
    "searched_part": {"en": "🔍 Searched the part in the box ({who}) — adjust it", "zh": "🔍 搜索的是框内部分（{who}）——调整"},
    "more": {"en": "⋯ More · language · examples", "zh": "⋯ 更多 · 语言 · 示例"},
    "info": {"en": "About this app and its catalog", "zh": "关于本应用和商品库"},
    "agent_view": {"en": "🪪 Agent view: product ids", "zh": "🪪 客服视图：商品编号"},
    "copy_id": {"en": "Copy the id {id}", "zh": "复制编号 {id}"},
    "copied": {"en": "Copied {id}", "zh": "已复制 {id}"},
    "copy_failed": {"en": "Could not copy — select the id and copy it by hand", "zh": "无法复制——请手动选中编号复制"},
    "reset": {"en": "🔄 Start over", "zh": "🔄 重新开始"},
    "export": {"en": "⬇️ Export session", "zh": "⬇️ 导出会话"},
    "import": {"en": "⬆️ Import session", "zh": "⬆️ 导入会话"},
    "session_file": {"en": "Session file (for support hand-over)", "zh": "会话文件（用于客服交接）"},
    "examples": {"en": "Try an example (these photos are not in the catalog)", "zh": "试试示例（这些照片不在商品库中）"},
    "results": {"en": "Results", "zh": "搜索结果"},
    "filters": {"en": "Filters", "zh": "筛选条件"},
    "no_filters": {"en": "none yet — say “red”, “under 200”, “not sneakers”…",
                   "zh": "暂无——可以说“红色”、“200元以下”、“不要运动鞋”……"},
    "no_results": {"en": "Results appear here: send a photo or describe what you want.",
                   "zh": "结果会显示在这里：发一张照片或描述你想要的商品。"},
    "like": {"en": "I like this", "zh": "喜欢"},
    "dislike": {"en": "Not for me — hide it", "zh": "不喜欢，不再推荐"},
    "more_like": {"en": "More like this", "zh": "找相似"},
    "more_like_short": {"en": "Similar", "zh": "相似"},
    "remove_filter": {"en": "Remove this filter", "zh": "移除这个筛选条件"},
    "score": {"en": "match", "zh": "匹配度"},
    "liked": {"en": "liked", "zh": "已喜欢"},
    "searched_with": {"en": "Searched with your photo", "zh": "用你的照片搜索"},
    # what a click on the screen says in the chat, so the conversation reads as a conversation
    "said_like": {"en": "👍 {title}", "zh": "👍 {title}"},
    "said_dislike": {"en": "👎 {title}", "zh": "👎 {title}"},
    "said_more_like": {"en": "🔎 More like “{title}”", "zh": "🔎 找和“{title}”相似的"},
    "said_remove": {"en": "✕ Remove “{label}”", "zh": "✕ 移除“{label}”"},
    "said_reset": {"en": "🔄 Start over", "zh": "🔄 重新开始"},
    "said_import": {"en": "📂 Import a session file", "zh": "📂 导入会话文件"},
    "said_photo": {"en": "(photo)", "zh": "（照片）"},
    "imported": {"en": "Session imported — picking up where it left off.", "zh": "会话已导入，从上次停下的地方继续。"},
    "imported_empty": {"en": "Session imported (it had no search yet).", "zh": "会话已导入（其中还没有搜索）。"},
    "exported": {"en": "Session saved — download it below.", "zh": "会话已保存，请在下方下载。"},
    "filter_gone": {"en": "That filter is already gone.", "zh": "这个筛选条件已经移除了。"},
    "error_import_too_large": {"en": "That session file is too large ({size} KB; the limit is {limit} KB).",
                               "zh": "会话文件太大（{size} KB，上限 {limit} KB）。"},
    "error_no_file": {"en": "No file was received.", "zh": "没有收到文件。"},
}

# Why a photo could not be read, by catalog.images.ImageProblem.reason; the English detail comes from the loader.
def text(key: str, language: str, **values: Any) -> str:
    entry = LABELS[key]
    template = entry.get(language) or entry["en"]
    return template.format(**values) if values else template


def ui_language(accept_language: str | None) -> str:
    """'zh' when the browser's preferred language is any Chinese, else 'en' (an Accept-Language header or a tag)."""
    for part in (accept_language or "").split(","):
        tag = part.split(";")[0].strip().lower()
        if not tag or tag == "*":
            continue
        return "zh" if tag.startswith("zh") else "en"
    return "en"


def gradio_locale(language: str) -> str:
    """The frontend locale for one of our languages (zh-CN also switches Gradio's own built-in strings)."""
    return "zh-CN" if language == "zh" else "en"


def i18n_translations(**values: Any) -> dict[str, dict[str, str]]:
    """Translations for gr.I18n, keyed by locale; `values` fill templates such as the status line."""
    def table(language: str) -> dict[str, str]:
        return {key: _fill(entry.get(language) or entry["en"], values) for key, entry in LABELS.items()}

    zh = table("zh")
    # The browser reports zh-CN, zh-TW, zh-HK…: svelte-i18n falls back from those to "zh", but give the common
    # tags their own entry too so Gradio's own Chinese strings and ours switch together.
    return {"en": table("en"), "zh": zh, "zh-CN": zh, "zh-TW": zh}


def _fill(template: str, values: dict[str, Any]) -> str:
    try:
        return template.format(**values)
    except (KeyError, IndexError):
        return template
