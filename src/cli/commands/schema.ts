import type { Argv, CommandModule } from 'yargs'
import { formats, getFormat } from '../../formats/index.js'
import { generateSchema } from '../../formats/schema.js'
import { dataSchemaText } from '../../bundle/data-schema.js'

export const schemaCommand: CommandModule<object, { format: string; data: boolean }> = {
  command: 'schema [format]',
  describe: '输出报告前置数据的 JSON Schema（供编辑器使用）',
  builder: (y) =>
    y.positional('format', {
      type: 'string',
      choices: formats.map((f) => f.id),
      default: formats[0]!.id,
      describe: '格式',
    })
      .option('data', { type: 'boolean', default: false, describe: '改为输出发布包 data.json 的 JSON Schema' }) as unknown as Argv<{ format: string; data: boolean }>,
  handler: (args) => {
    if (args.data) {
      process.stdout.write(dataSchemaText())
      return
    }
    process.stdout.write(JSON.stringify(generateSchema(getFormat(args.format)!), null, 2) + '\n')
  },
}
