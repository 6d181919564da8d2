import type { Argv, CommandModule } from 'yargs'
import { formats, getFormat } from '../../formats/index.js'
import { t } from '../strings.js'

export const schemaCommand: CommandModule<object, { format: string; data: boolean }> = {
  command: 'schema [format]',
  describe: t('schema.describe'),
  builder: (y) =>
    y.positional('format', {
      type: 'string',
      choices: formats.map((f) => f.id),
      default: formats[0]!.id,
      describe: t('schema.format'),
    })
      .option('data', { type: 'boolean', default: false, describe: t('schema.data') }) as unknown as Argv<{ format: string; data: boolean }>,
  handler: async (args) => {
    if (args.data) {
      const { dataSchemaText } = await import('../../bundle/data-schema.js')
      process.stdout.write(dataSchemaText())
      return
    }
    const { generateSchema } = await import('../../formats/schema.js')
    process.stdout.write(JSON.stringify(generateSchema(getFormat(args.format)!), null, 2) + '\n')
  },
}
