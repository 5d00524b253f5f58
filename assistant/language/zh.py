"""The Chinese pack (简体中文): the words shoppers and agents type, the cues that structure them, and what we say back."""
from __future__ import annotations

from assistant.language.pack import LanguagePack

# Chinese is matched character by character: a phrase here is a run of Han characters (or the Latin letters
# Chinese shoppers mix in, such as "t恤"). The decisions about what a word means are the English pack's:
# 卡其 and 驼色 are beige, 酒红 is red, 短裙 is a dress, 拖鞋 are sandals.

# --- colours ------------------------------------------------------------------------------------------
COLORS = {
    'black': ('黑', '黑色', '纯黑', '全黑', '乌黑'),
    'white': ('白', '白色', '纯白', '雪白', '全白', '象牙白'),
    'grey': ('灰', '灰色', '银色', '银灰', '银灰色', '炭灰', '烟灰', '铁灰', '麻灰'),
    'red': (
        '红', '红色', '大红', '大红色', '酒红', '酒红色', '枣红', '枣红色', '正红', '正红色', '砖红', '砖红色',
    ),
    'pink': (
        '粉', '粉色', '粉红', '粉红色', '玫红', '玫红色', '桃红', '桃红色', '玫瑰红', '藕粉', '藕粉色',
    ),
    'orange': ('橙', '橙色', '橘色', '橘', '橘红', '橘红色', '桔色', '橘黄', '橘黄色'),
    'yellow': (
        '黄', '黄色', '金色', '金黄', '金黄色', '柠檬黄', '姜黄', '姜黄色', '土黄', '土黄色', '鹅黄',
    ),
    'green': (
        '绿', '绿色', '军绿', '军绿色', '墨绿', '墨绿色', '草绿', '草绿色', '橄榄绿', '薄荷绿', '牛油果绿', '果绿',
        '湖绿',
    ),
    'blue': (
        '蓝', '蓝色', '天蓝', '天蓝色', '浅蓝', '浅蓝色', '淡蓝', '淡蓝色', '宝蓝', '宝蓝色', '湖蓝', '湖蓝色',
        '牛仔蓝', '雾霾蓝',
    ),
    'navy': ('藏青', '藏青色', '藏蓝', '藏蓝色', '海军蓝', '深蓝', '深蓝色', '靛蓝', '靛青'),
    'purple': ('紫', '紫色', '淡紫', '浅紫', '深紫', '薰衣草紫', '香芋紫'),
    'brown': ('棕', '棕色', '咖啡色', '咖色', '褐色', '褐', '深棕', '巧克力色'),
    'beige': (
        '米色', '米白', '米白色', '卡其', '卡其色', '驼色', '杏色', '奶白', '奶白色', '乳白', '乳白色', '奶油色',
        '香槟色', '米黄', '米黄色',
    ),
}
# "浅灰色", "深绿": a shade character before a colour keeps the colour ("深蓝" itself is navy, above).
COLOR_SHADES = ('深', '浅', '淡', '亮', '暗', '鲜', '纯')
COLOR_NOUNS = ('颜色', '色', '色系')

# --- categories ---------------------------------------------------------------------------------------
CATEGORIES = {
    't-shirt': ('t恤', 't恤衫', '体恤', '短袖t', '短袖t恤', '短t', '背心'),
    'trousers': (
        '裤子', '裤', '长裤', '牛仔裤', '休闲裤', '西裤', '运动裤', '短裤', '卫裤', '打底裤',
    ),
    'pullover': ('毛衣', '卫衣', '针织衫', '套头衫', '开衫', '羊毛衫', '线衣', '连帽衫'),
    'dress': ('连衣裙', '裙子', '裙', '长裙', '短裙', '半身裙', '礼服', '晚礼服', '吊带裙'),
    'coat': (
        '外套', '大衣', '夹克', '夹克衫', '风衣', '羽绒服', '棉服', '棉衣', '皮衣', '西装', '西服', '冲锋衣',
    ),
    'sandal': ('凉鞋', '拖鞋', '人字拖', '凉拖'),
    'shirt': ('衬衫', '衬衣'),
    'sneaker': ('运动鞋', '球鞋', '跑鞋', '跑步鞋', '板鞋', '帆布鞋', '篮球鞋', '休闲鞋'),
    'bag': (
        '包', '包包', '手提包', '背包', '双肩包', '书包', '挎包', '斜挎包', '钱包', '手袋', '提包', '单肩包',
        '托特包', '腰包',
    ),
    'ankle-boot': ('靴子', '靴', '短靴', '马丁靴', '雪地靴', '切尔西靴', '踝靴', '皮靴'),
}
ATTRIBUTE_CATEGORIES = {
    ('pullover', 'coat', 'shirt'): ('长袖',),
    ('t-shirt',): ('短袖',),
    ('t-shirt', 'pullover', 'coat', 'shirt'): ('长袖或短袖', '长短袖'),
}
CATEGORY_GROUPS = {
    ('sandal', 'sneaker', 'ankle-boot'): ('鞋', '鞋子', '皮鞋', '高跟鞋', '单鞋'),
    ('t-shirt', 'pullover', 'shirt'): ('上衣', '上装'),
    ('coat',): ('外衣',),
    ('trousers',): ('下装', '下身'),
}
# A catalog row labelled 短袖 is a t-shirt; a shopper's 短袖 is a property (short sleeves).
CATALOG_CATEGORIES = {"t-shirt": ("短袖",)}
SIZE_ALIASES = {"one size": ("均码", "均码的", "通码", "单一尺码", "不分码")}

# --- negation and list structure ----------------------------------------------------------------------
# "黑色的不要", "红色就算了": a cue said after the thing negates it, as in English.
NEGATION_CUES = (
    '不考虑', '不行', '就算了', '不要了', '不要', '别', '不是', '除了', '不想要', '非', '不', '不喜欢', '不需要',
    '不看', '排除', '去掉', '不含', '不包括', '别给我', '不用', '别要', '不想', '除去',
)
# 没有 and 不带 negate a description ("没有logo的") but not a colour: "有没有红色的" asks for red.
DESCRIPTION_NEGATION_CUES = ("没有", "不带", "无")
NEGATION_PHRASE_ENDS = ("但", "而且", "要")
CONNECTORS = ("、", "或", "或者", "还是", "和", "跟", "与", "及", "以及", "或是")
# "不是白色而是黑色", "除了黑色都行".
HARD_SCOPE_ENDS = (
    '但是', '但', '不过', '可是', '而是', '就行', '都行', '都可以', '可以', '以外', '之外', '也行',
)
SOFT_SCOPE_ENDS = ('要', '想要', '我要', '换成', '改成', '是', '只要', '就要')

# --- price --------------------------------------------------------------------------------------------
# "不超过300": a negation before a prefix flips it. 在 only introduces the amount ("在100以下").
PRICE_PREFIXES = {
    'lt': ('低于', '少于', '小于', '不到', '便宜于'),
    'le': ('最多', '最高', '顶多', '预算', '预算是', '预算在'),
    'gt': ('高于', '超过', '大于', '多于', '贵于'),
    'ge': ('至少', '最少', '最低', '起码'),
    'around': ('大概', '大约', '约', '差不多', '左右是'),
    'between': ('介于', '在'),
}
# "50元以下", "100左右".
PRICE_SUFFIXES = {
    'le': ('以下', '以内', '之内', '内', '封顶', '为止'),
    'ge': ('以上', '起', '起步', '往上'),
    'around': ('左右', '上下'),
}
RANGE_JOINERS = ('到', '至')
# 和 / 与 join a range only with 之间: "30和60之间".
RANGE_WEAK_JOINERS = ('和', '与')
RANGE_SUFFIXES = ('之间', '的范围', '范围', '区间')
# "50元", "两百块钱".
CURRENCY_MARKERS = ('元', '块', '块钱', '元钱', '圆', '美元', '欧元', '人民币', '刀')
NON_PRICE_UNITS = (
    '码', '厘米', '公分', '寸', '岁', '件', '天', '小时', '分钟', '年', '斤', '公斤', '克', '号', '个', '种', '颗',
    '星', '折', '米',
)
# "尺码M", "码数38": the size follows.
SIZE_WORDS = ("尺码", "码数", "鞋码", "尺寸", "大小")
# "38码", "M码", "38号": the size comes first.
SIZE_SUFFIXES = ("码", "号", "码数")
# "比100便宜" / "比200贵": the comparison word that turns a relative word into a bound.
COMPARISON_WORDS = ("比", "比这个", "比它", "比这件", "比这款")
# 便宜点 compares with what is in view; a negation before 贵 flips it ("不要那么贵" is lower).
RELATIVE_PRICE = {
    "lower": ("便宜点", "便宜一点", "便宜一点的", "便宜些", "便宜一些", "更便宜", "再便宜", "再便宜些", "再便宜点",
              "再便宜一点", "实惠点", "实惠一点", "太贵", "太贵了", "不要那么贵", "别那么贵", "价格低一点", "价格低点",
              "便宜于", "有点贵", "有点贵了", "贵了", "太贵啦"),
    "higher": ("贵", "贵点", "贵一点", "贵一些", "贵些", "更贵", "再贵点", "再贵一点", "昂贵", "高档", "高档点",
               "高档一点", "更高档", "高端", "高端一点", "更高端", "奢华", "奢侈", "轻奢", "太便宜", "太便宜了", "档次高",
               "档次高一点", "贵于"),
}
# A budget said without an amount: the lower part of the prices of what is searched.
VAGUE_PRICE = {
    "low": ("便宜", "实惠", "划算", "平价", "不要太贵", "别太贵", "不太贵", "不贵", "不要贵的", "低价", "价格低",
            "白菜价", "性价比高", "高性价比", "省钱", "经济实惠", "便宜货", "最便宜"),
}

# --- numbers ------------------------------------------------------------------------------------------
# "三百五" is 350 and "一千二" 1200 (a trailing digit counts in the next smaller unit).
NUMERAL_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8,
                  "九": 9}
NUMERAL_UNITS = {"十": 10, "百": 100, "千": 1000, "万": 10000}

# --- pointing at a shown result -----------------------------------------------------------------------
REFERENCE_PREFIXES = ('编号', '序号')
FROM_END_PHRASES = {
    '最后一个': -1, '最后那个': -1, '最后一款': -1, '最后一件': -1, '最后一张': -1, '最后的': -1, '最后一双': -1,
    '最后一条': -1,
}
# "第三个" / "倒数第二个": the ordinal prefix (its sign) and the measure words that may follow the number.
ORDINAL_PREFIXES = {"第": 1, "倒数第": -1}
MEASURE_WORDS = (
    '个', '款', '件', '张', '条', '双', '只', '套', '项', '位', '个商品', '款式', '幅', '图', '张图', '行', '名',
)

# --- turn-level intents -------------------------------------------------------------------------------
MORE_LIKE_THIS = (
    '类似', '类似的', '类似款', '相似', '相似的', '差不多的', '像这个的', '像这个一样的', '像这款的', '同款',
    '一样的', '跟这个一样', '跟这个一样的', '和这个一样', '和这个一样的', '同样的', '相同的', '类似这个',
    '类似这个的', '相似款', '同类', '同类的', '这类', '这一类',
)
RESET_PHRASES = (
    '重新开始', '重新搜索', '重新找', '清空', '重来', '重新来', '重置', '全部清除', '清除所有', '从头开始', '从头来',
    '重新搜', '清除全部', '全部重来',
)
# "别的颜色" also drops the colour (the shopper wants the other colourways).
REMOVAL_PHRASES = {
    "color": (
        "颜色不限", "不限颜色", "什么颜色都行", "什么颜色都可以", "颜色无所谓", "颜色随意", "颜色随便", "随便什么颜色",
        "任何颜色", "所有颜色", "各种颜色", "颜色都行", "颜色都可以", "别的颜色", "其他颜色", "其它颜色", "换个颜色",
        "不管什么颜色", "不限色", "颜色不重要", "啥颜色都行", "不喜欢这个颜色", "不要这个颜色", "换一个颜色", "别的颜色的",
        "这个颜色不要", "这个颜色不喜欢",
    ),
    "price": (
        "价格不限", "不限价格", "价格无所谓", "价钱不限", "多少钱都行", "多少钱都可以", "预算不限", "不限预算", "不在乎价格",
        "价格随意", "价格不重要", "钱不是问题",
    ),
    "category": (
        "类别不限", "类型不限", "品类不限", "款式不限", "什么款式都行", "什么类型都行", "什么款都行", "不限类别", "不限款式",
        "不限类型", "什么款式都可以", "什么类型都可以", "什么都行",
    ),
    "brand": ("品牌不限", "不限品牌", "什么牌子都行", "牌子无所谓", "品牌无所谓", "别的牌子", "其他品牌", "其他牌子"),
    "size": ("尺码不限", "不限尺码", "什么尺码都行", "尺码无所谓", "别的尺码", "其他尺码"),
}

# --- catalog facets and look-up ------------------------------------------------------------------------
# "Wrenfield家的裙子", "品牌Wrenfield".
BRAND_CUES = ("品牌", "牌子", "品牌是", "牌子是", "家", "家的", "出的")
LOOKUP_CUES = ("货号", "款号", "商品编号", "商品id", "编码", "商品编码", "条码")
VAGUE_CUES = ("礼物", "送礼", "送人", "送给", "推荐", "推荐一下", "随便看看", "看看有什么", "有什么", "有啥", "生日",
              "纪念日", "节日", "妈妈", "老妈", "母亲", "爸爸", "老爸", "父亲", "老婆", "老公", "女朋友", "男朋友",
              "女友", "男友", "朋友", "孩子", "闺蜜", "同事", "长辈", "婆婆", "岳母")

# --- words that carry no meaning for retrieval ---------------------------------------------------------
FILLERS = (
    '的', '地', '这个', '那个', '这款', '那款', '这件', '那件', '有', '吗', '呢', '吧', '啊', '呀', '哦', '嗯', '了',
    '要', '想要', '我想要', '我要', '我想', '我', '给我', '给我看', '给我看看', '看看', '看一下', '帮我', '帮我找',
    '找', '找一下', '找找', '来', '来点', '来个', '一点', '一些', '些', '请', '麻烦', '谢谢', '有没有', '有吗',
    '一件', '一条', '一双', '一个', '一款', '个', '件', '条', '双', '款', '就行', '都行', '都可以', '可以', '也',
    '还', '再', '换成', '改成', '变成', '换', '而是', '但是', '但', '不过', '可是', '以外', '之外', '在', '之间',
    '和', '或', '或者', '还是', '跟', '与', '像', '像这个', '像这样', '这样', '这样的', '这种', '这种的', '价格',
    '价钱', '价位', '衣服', '东西', '就', '只', '只要', '只想要', '那种', '是', '就是', '比', '一下', '呗', '嘛',
    '千万', '也行', '的话', '款的', '这个的', '同', '买', '想买', '推荐', '推荐一下', '有木有', '哪些', '比这个',
    '比它', '它', '就要', '算了', '能不能', '能否', '可不可以', '那样', '那样的', '那种的', '那个的',
)
FUNCTION_WORDS = ("的", "地", "得", "吗", "呢", "吧", "啊", "呀", "了", "着", "过", "和", "跟", "与", "在", "给", "对",
                  "把", "被", "从", "向", "用", "带", "是", "有", "这", "那", "哪", "什么", "怎么", "请", "一下", "个",
                  "一", "些", "都", "也", "还", "就", "很", "太", "要")
PROTECTED_WORDS = (
    '非常', '是非', '除非', '并非', '别的', '别人', '特别', '区别', '分别', '别致', '网红', '口红', '红包', '红人',
    '走红', '明白', '白天', '空白', '坦白', '蓝牙', '粉丝', '粉底', '包邮', '包括', '包装', '包含', '面包', '不错',
    '不同', '不一样', '不少', '无袖', '百搭', '一样', '一般', '十分', '万一', '一起', '统一', '波点', '圆点', '不管',
    '不到位', '不合适', '黑科技', '没有', '不用说', '灰尘', '黄金', '白金',
)

# --- what we say back ------------------------------------------------------------------------------------
COLOR_NAMES = {
    'black': '黑色',
    'white': '白色',
    'grey': '灰色',
    'red': '红色',
    'pink': '粉色',
    'orange': '橙色',
    'yellow': '黄色',
    'green': '绿色',
    'blue': '蓝色',
    'navy': '藏青色',
    'purple': '紫色',
    'brown': '棕色',
    'beige': '米色',
}
CATEGORY_NAMES = {
    't-shirt': 'T恤',
    'trousers': '裤子',
    'pullover': '毛衣',
    'dress': '连衣裙',
    'coat': '外套',
    'sandal': '凉鞋',
    'shirt': '衬衫',
    'sneaker': '运动鞋',
    'bag': '包',
    'ankle-boot': '短靴',
}
PRICE_PHRASES = {"lt": "{}以下", "le": "不超过{}", "gt": "超过{}", "ge": "{}以上", "eq": "{}", "ne": "不要{}"}
REMOVAL_TEXTS = {"color": "颜色不限", "category": "类别不限", "price": "价格不限", "brand": "品牌不限", "size": "尺码不限"}
# Why a photo could not be read, by catalog.images.ImageProblem.reason (the loader's own words are English).
IMAGE_PROBLEMS = {
    "too_large": "文件超过 20 MB",
    "empty": "文件是空的",
    "not_an_image": "这不是可识别的图片文件",
    "bomb": "图片像素过多，无法安全解码",
    "truncated": "图片已损坏或不完整",
    "too_small": "图片太小",
    "unreadable": "无法读取文件",
}
MESSAGES = {
    'size_value': '{size}码',
    # what a turn understood beyond the words it was given (the engine words its reply with these)
    'you_typed': '{what}（你输入的是“{typed}”）',
    'did_you_mean': '你是说{options}吗？',
    'clarify_vague': '你想找哪一类商品？预算大概多少？先看看这些推荐。',
    'budget_low': '{price}以内（这里{what}价格的较低部分）',
    'why_exact_match': '完全匹配',
    'unknown_ids': '找不到编号为{ids}的商品。',
    'photo_set_aside': '你的照片是{photo}，所以不再用它来判断这些{what}是否接近。',
    'found_like_photo': '为你找到和照片相似的{what}{filters}。',
    'found_like_product': '为你找到和“{label}”相似的{what}{filters}。',
    'found_text': '为你找到{what}{filters}。',
    'found_semantic': '为你找到符合“{text}”的{what}{filters}。',
    'found_preferences': '根据你喜欢的款式，为你找到{what}{filters}。',
    'need_input': '发一张照片，或者告诉我你想找什么（例如“200元以下的红色连衣裙”）。',
    'reset_done': '已重新开始，所有条件都已清空。发张照片或告诉我你想找什么吧。',
    'no_good_match': '没有特别接近的商品{filters}；以下是最接近的结果。',
    'nothing_passes': '没有{what}',
    'relax_price_cheapest': '——最便宜的是{price}。要看看吗？',
    'relax_price_dearest': '——最贵的是{price}。要看看吗？',
    'relax_drop': '——去掉“{constraint}”有{count}件。要看看吗？',
    'relax_none': '。试试去掉一个筛选条件。',
    'show_those': '看看这些',
    'clarify_category': '你想找哪一类商品？',
    'cheaper_needs_anchor': '比哪件便宜呢？先发张照片或搜索一下吧。',
    'liked': '记住了，会多推荐类似的。',
    'disliked': '好的，不会再推荐这件了。',
    'why_photo': '与照片相似 {score}',
    'why_product': '与所选款相似 {score}',
    'why_same_item': '同款不同色',
    'why_text': '符合“{text}” {score}',
    'why_liked': '接近你喜欢的',
    'reference_photo': '你的照片',
    'error_bad_image': '无法读取这张照片：{detail}。请换一张 20 MB 以内的 JPEG 或 PNG。',
    'error_unknown_product': '找不到编号为“{detail}”的商品。',
    'error_bad_reference': '没有第{rank}个——当前只显示了{count}个结果。',
    'error_no_results_yet': '还没有可以指代的结果，先搜索一下吧。',
    'error_bad_session': '无法使用这个会话文件（格式不对、被改动过或来自其他商品库）。详情：{detail}。',
    'error_index_unavailable': '搜索暂时不可用，请稍后再试。',
    'error_encoder': '模型处理本轮请求时出错（{detail}），请重试。',
    'error_text_too_long': '消息太长了，请控制在 {limit} 个字符以内。',
    'error_internal': '本轮处理出错了，你的会话没有丢失，请重试。',
}
LABELS = {
    "page_title": "likethis — 拍照找同款",
    "title": "likethis — 拍照找同款",
    "tagline": "发一张照片，再用自己的话细化：“同款红色”、“便宜一点”、“第3个但要长款”。",
    "status": "编码器：{backend}（{reason}）· 已索引 {count} 件商品",
    "language": "语言",
    "chat": "对话",
    "chat_placeholder": "发一张照片（📎：拍照或从相册选，也可以粘贴），再告诉我你想要什么。",
    "input": "你的消息",
    "input_placeholder": "照片 📎 和/或文字",
    "crop": "✂️ 裁剪照片",
    "crop_editor": "拖动方框或四角框住你想找的那件（选中角或方框后也可用方向键移动），再点 🔍 搜索框内部分。带着照片发送消息时，搜索的也是框内部分。",
    "reset": "🔄 重新开始",
    "export": "⬇️ 导出会话",
    "import": "⬆️ 导入会话",
    "session_file": "会话文件（用于客服交接）",
    "examples": "试试示例（这些照片不在商品库中）",
    "results": "搜索结果",
    "filters": "筛选条件",
    "no_filters": "暂无——可以说“红色”、“200元以下”、“不要运动鞋”……",
    "no_results": "结果会显示在这里：发一张照片或描述你想要的商品。",
    "like": "喜欢",
    "dislike": "不喜欢，不再推荐",
    "more_like": "找相似",
    "remove_filter": "移除这个筛选条件",
    "score": "匹配度",
    "liked": "已喜欢",
    "searched_with": "用你的照片搜索",
    "said_like": "👍 {title}",
    "said_dislike": "👎 {title}",
    "said_more_like": "🔎 找和“{title}”相似的",
    "said_remove": "✕ 移除“{label}”",
    "said_reset": "🔄 重新开始",
    "said_import": "📂 导入会话文件",
    "said_photo": "（照片）",
    "imported": "会话已导入，从上次停下的地方继续。",
    "imported_empty": "会话已导入（其中还没有搜索）。",
    "exported": "会话已保存，请在下方下载。",
    "filter_gone": "这个筛选条件已经移除了。",
    "error_import_too_large": "会话文件太大（{size} KB，上限 {limit} KB）。",
    "error_no_file": "没有收到文件。",
    "subtitle": "拍照找同款",
    "crop_empty": "用 📎 添加照片（或用相机拍一张），照片会显示在这里。",
    "crop_search": "🔍 搜索框内部分",
    "crop_whole": "🖼️ 整张照片",
    "crop_box": "要搜索的区域：拖动，或用方向键移动",
    "crop_corner_nw": "左上角：拖动或用方向键",
    "crop_corner_ne": "右上角：拖动或用方向键",
    "crop_corner_sw": "左下角：拖动或用方向键",
    "crop_corner_se": "右下角：拖动或用方向键",
    "crop_found": "在照片中找到的商品",
    "crop_yours": "你的裁剪",
    "crop_status": "方框：照片的 {width}% × {height}%",
    "your_photo": "你的照片",
    "searched_part": "🔍 搜索的是框内部分（{who}）——调整",
    "more": "⋯ 更多 · 语言 · 示例",
    "info": "关于本应用和商品库",
    "agent_view": "🪪 客服视图：商品编号",
    "copy_id": "复制编号 {id}",
    "copied": "已复制 {id}",
    "copy_failed": "无法复制——请手动选中编号复制",
    "more_like_short": "相似",
}

PACK = LanguagePack.from_tables(
    globals(),
    code="zh",
    name="中文",
    script="\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff",
    spaced=False,
    locales=("zh-CN", "zh-TW"),
    browser_tags=("zh",),
    amount_suffixes={"w": 10000.0},
    what_color_category="{color}{category}",
    what_color="{color}商品",
    what_category="{category}",
    what_any="商品",
    list_separator="、",
    list_last_separator="或",
    negated="不要{}",
    item_label="商品{}",
    filters_open="（",
    filters_separator="，",
    filters_close="）",
    nothing_separator="、",
    nothing_with_filters="{filters}的{what}",
    relax_upper="{amount}元以内",
    relax_lower="{amount}元以上",
)
