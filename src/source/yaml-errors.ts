/** Chinese and English wording for the `yaml` package's error codes. */
const texts: Record<string, [string, string]> = {
  DUPLICATE_KEY: ['同一层级的键重复出现', 'duplicate key'],
  BAD_INDENT: ['缩进不正确', 'bad indentation'],
  MISSING_CHAR: ['缺少必需的字符（如右括号 ] 或 }）', 'missing a required character (such as ] or })'],
  UNEXPECTED_TOKEN: ['意外的符号', 'unexpected token'],
  BLOCK_AS_IMPLICIT_KEY: ['键的写法不正确（可能缺少冒号后的空格）', 'block used as an implicit key'],
  MULTILINE_IMPLICIT_KEY: ['键不能跨行', 'implicit keys must be on a single line'],
  TAB_AS_INDENT: ['不能用制表符缩进，请用空格', 'tabs are not allowed as indentation'],
  BAD_SCALAR_START: ['值的开头字符不合法', 'bad scalar start'],
  ALIAS_PROPS: ['别名不能带属性', 'alias with properties'],
  BAD_ALIAS: ['别名无效', 'bad alias'],
  BAD_DIRECTIVE: ['指令无效', 'bad directive'],
  BAD_DQ_ESCAPE: ['双引号字符串中的转义无效', 'bad escape in double-quoted string'],
  BAD_COLLECTION_TYPE: ['集合类型无效', 'bad collection type'],
  BAD_SEPARATOR: ['分隔符无效', 'bad separator'],
  DUPLICATE_ANCHOR: ['锚点重复', 'duplicate anchor'],
  KEY_OVER_1024_CHARS: ['键超过 1024 个字符', 'key over 1024 characters'],
  MISSING_ANCHOR: ['引用了不存在的锚点', 'missing anchor'],
  MULTIPLE_ANCHORS: ['一个节点有多个锚点', 'multiple anchors'],
  MULTIPLE_DOCS: ['前置数据中只能有一个 YAML 文档', 'only one YAML document is allowed'],
  MULTIPLE_TAGS: ['一个节点有多个标签', 'multiple tags'],
  TAG_RESOLVE_FAILED: ['无法解析标签', 'tag could not be resolved'],
  UNEXPECTED_END: ['意外的结尾', 'unexpected end'],
  IMPOSSIBLE: ['无法解析', 'cannot parse'],
  RESOURCE_EXHAUSTION: ['嵌套层次过深，无法读取', 'nested too deep to read'],
}

export function yamlErrorText(code: string, lang: 'zh' | 'en'): string {
  const entry = texts[code]
  return entry ? entry[lang === 'zh' ? 0 : 1] : code
}
