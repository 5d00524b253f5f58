"""Every sentence the assistant says to a shopper, in English and Chinese."""
from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "found_like_photo": {"en": "Here are {what} like your photo{filters}.", "zh": "为你找到和照片相似的{what}{filters}。"},
    "found_like_product": {"en": "Here are {what} like “{label}”{filters}.", "zh": "为你找到和“{label}”相似的{what}{filters}。"},
    "found_text": {"en": "Here are {what}{filters}.", "zh": "为你找到{what}{filters}。"},
    "found_semantic": {"en": "Here are {what} matching “{text}”{filters}.", "zh": "为你找到符合“{text}”的{what}{filters}。"},
    "found_preferences": {"en": "Here are more {what} like the ones you liked{filters}.",
                          "zh": "根据你喜欢的款式，为你找到{what}{filters}。"},
    "need_input": {"en": "Show me a photo or tell me what you are looking for (e.g. “red dress under 200”).",
                   "zh": "发一张照片，或者告诉我你想找什么（例如“200元以下的红色连衣裙”）。"},
    "reset_done": {"en": "Starting over — everything is cleared. Show me a photo or tell me what you need.",
                   "zh": "已重新开始，所有条件都已清空。发张照片或告诉我你想找什么吧。"},
    "no_good_match": {"en": "Nothing here is a close match{filters}; these are the nearest I have.",
                      "zh": "没有特别接近的商品{filters}；以下是最接近的结果。"},
    "nothing_passes": {"en": "No {what}", "zh": "没有{what}"},
    "relax_price_cheapest": {"en": " — the cheapest is {price}. Show those?", "zh": "——最便宜的是{price}。要看看吗？"},
    "relax_price_dearest": {"en": " — the most expensive is {price}. Show those?", "zh": "——最贵的是{price}。要看看吗？"},
    "relax_drop": {"en": " — without “{constraint}” there are {count}. Show those?",
                   "zh": "——去掉“{constraint}”有{count}件。要看看吗？"},
    "relax_none": {"en": ". Try removing a filter.", "zh": "。试试去掉一个筛选条件。"},
    "show_those": {"en": "Show those", "zh": "看看这些"},
    "clarify_category": {"en": "Which kind of item do you mean?", "zh": "你想找哪一类商品？"},
    "cheaper_needs_anchor": {"en": "Cheaper than what? Show me a photo or search first.",
                             "zh": "比哪件便宜呢？先发张照片或搜索一下吧。"},
    "liked": {"en": "Noted — I’ll show more like that.", "zh": "记住了，会多推荐类似的。"},
    "disliked": {"en": "Noted — I won’t show that one again.", "zh": "好的，不会再推荐这件了。"},
    # why-line pieces
    "why_photo": {"en": "like your photo {score}", "zh": "与照片相似 {score}"},
    "why_product": {"en": "like your pick {score}", "zh": "与所选款相似 {score}"},
    "why_same_item": {"en": "same item, other colour", "zh": "同款不同色"},
    "why_text": {"en": "matches “{text}” {score}", "zh": "符合“{text}” {score}"},
    "why_liked": {"en": "like ones you liked", "zh": "接近你喜欢的"},
    "reference_photo": {"en": "your photo", "zh": "你的照片"},
    # errors (the edges show these; codes are stable)
    "error_bad_image": {"en": "I couldn’t read that photo: {detail}. Try a JPEG or PNG under 20 MB.",
                        "zh": "无法读取这张照片：{detail}。请换一张 20 MB 以内的 JPEG 或 PNG。"},
    "error_unknown_product": {"en": "I don’t know a product with id “{detail}”.", "zh": "找不到编号为“{detail}”的商品。"},
    "error_bad_reference": {"en": "There is no #{rank} — I showed {count} results.",
                            "zh": "没有第{rank}个——当前只显示了{count}个结果。"},
    "error_no_results_yet": {"en": "There are no results yet to point at — search first.",
                             "zh": "还没有可以指代的结果，先搜索一下吧。"},
    "error_bad_session": {"en": "That session file can’t be used: {detail}.", "zh": "无法使用这个会话文件（格式不对、被改动过或来自其他商品库）。详情：{detail}。"},
    "error_index_unavailable": {"en": "Search is unavailable right now. Please try again in a moment.",
                                "zh": "搜索暂时不可用，请稍后再试。"},
    "error_encoder": {"en": "The image/text model failed on this turn ({detail}). Please try again.",
                      "zh": "模型处理本轮请求时出错（{detail}），请重试。"},
    "error_text_too_long": {"en": "That message is too long — please keep it under {limit} characters.",
                            "zh": "消息太长了，请控制在 {limit} 个字符以内。"},
    "error_internal": {"en": "Something went wrong on this turn; your session is intact — please try again.",
                       "zh": "本轮处理出错了，你的会话没有丢失，请重试。"},
}


def say(key: str, language: str, **values) -> str:
    entry = MESSAGES[key]
    template = entry.get(language) or entry["en"]
    return template.format(**values)
