import type { Argv, CommandModule } from 'yargs'
import { formats, getFormat } from '../../formats/index.js'
import { generateSchema } from '../../formats/schema.js'

export const schemaCommand: CommandModule<object, { format: string }> = {
  command: 'schema [format]',
  describe: '输出报告前置数据的 JSON Schema（供编辑器使用）',
  builder: (y) =>
    y.positional('format', {
      type: 'string',
      choices: formats.map((f) => f.id),
      default: formats[0]!.id,
      describe: '格式',
    }) as unknown as Argv<{ format: string }>,
  handler: (args) => {
    process.stdout.write(JSON.stringify(generateSchema(getFormat(args.format)!), null, 2) + '\n')
  },
}
