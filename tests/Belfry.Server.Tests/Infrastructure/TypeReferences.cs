using System.Reflection.Emit;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;

namespace Belfry.Server.Tests.Infrastructure;

/// <summary>
/// Every type an assembly's types mention, read from its metadata, not its source: base types and interfaces,
/// attributes, fields, method signatures, locals, and every type, method and field token in the IL (calls, field
/// access, <c>newobj</c>, <c>typeof</c>, generic instantiations). A type nested in another (a lambda's closure, an
/// async state machine) counts as the outermost type's.
/// </summary>
internal static class TypeReferences
{
    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes).GetFields()
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(o => o.Value);

    /// <summary>(outermost type, type mentioned) for every type whose outermost type's namespace satisfies <paramref name="from"/>.</summary>
    public static IReadOnlyList<(string From, string Mentioned)> Find(string assemblyPath, Func<string, bool> from)
    {
        using var stream = File.OpenRead(assemblyPath);
        using var pe = new PEReader(stream);
        var reader = pe.GetMetadataReader();
        var found = new List<(string, string)>();
        foreach (var handle in reader.TypeDefinitions)
        {
            var outermost = Outermost(reader, handle);
            if (!from(reader.GetString(reader.GetTypeDefinition(outermost).Namespace)))
            {
                continue;
            }

            var owner = TypeNameProvider.Name(reader, outermost);
            foreach (var mentioned in Mentions(reader, pe, handle))
            {
                found.Add((owner, mentioned));
            }
        }

        return found;
    }

    private static TypeDefinitionHandle Outermost(MetadataReader reader, TypeDefinitionHandle handle)
    {
        var declaring = reader.GetTypeDefinition(handle).GetDeclaringType();
        return declaring.IsNil ? handle : Outermost(reader, declaring);
    }

    private static IEnumerable<string> Mentions(MetadataReader reader, PEReader pe, TypeDefinitionHandle handle)
    {
        var type = reader.GetTypeDefinition(handle);
        if (!type.BaseType.IsNil)
        {
            yield return Describe(reader, type.BaseType);
        }

        foreach (var implementation in type.GetInterfaceImplementations())
        {
            yield return Describe(reader, reader.GetInterfaceImplementation(implementation).Interface);
        }

        foreach (var attribute in type.GetCustomAttributes())
        {
            yield return Describe(reader, reader.GetCustomAttribute(attribute).Constructor);
        }

        foreach (var field in type.GetFields())
        {
            yield return Describe(reader, field);
        }

        foreach (var property in type.GetProperties())
        {
            yield return string.Join(",", reader.GetPropertyDefinition(property).DecodeSignature(TypeNameProvider.Instance, null).ParameterTypes
                .Append(reader.GetPropertyDefinition(property).DecodeSignature(TypeNameProvider.Instance, null).ReturnType));
        }

        foreach (var methodHandle in type.GetMethods())
        {
            yield return Describe(reader, methodHandle);
            var method = reader.GetMethodDefinition(methodHandle);
            foreach (var attribute in method.GetCustomAttributes())
            {
                yield return Describe(reader, reader.GetCustomAttribute(attribute).Constructor);
            }

            if (method.RelativeVirtualAddress == 0)
            {
                continue;
            }

            var body = pe.GetMethodBody(method.RelativeVirtualAddress);
            if (!body.LocalSignature.IsNil)
            {
                yield return string.Join(",", reader.GetStandaloneSignature(body.LocalSignature).DecodeLocalSignature(TypeNameProvider.Instance, null));
            }

            foreach (var token in Tokens(body.GetILBytes()!))
            {
                var mentioned = Describe(reader, MetadataTokens.EntityHandle(token));
                if (mentioned.Length > 0)
                {
                    yield return mentioned;
                }
            }
        }
    }

    /// <summary>The metadata tokens in a method's IL, walking it instruction by instruction.</summary>
    private static IEnumerable<int> Tokens(byte[] il)
    {
        var at = 0;
        while (at < il.Length)
        {
            short value = il[at] == 0xFE ? (short)(0xFE00 | il[at + 1]) : il[at];
            at += il[at] == 0xFE ? 2 : 1;
            var opCode = OpCodesByValue[value];
            switch (opCode.OperandType)
            {
                case OperandType.InlineField or OperandType.InlineMethod or OperandType.InlineType or OperandType.InlineTok or OperandType.InlineSig:
                    yield return BitConverter.ToInt32(il, at);
                    at += 4;
                    break;
                case OperandType.InlineSwitch:
                    at += 4 + (4 * BitConverter.ToInt32(il, at));
                    break;
                case OperandType.InlineNone:
                    break;
                case OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar:
                    at += 1;
                    break;
                case OperandType.InlineVar:
                    at += 2;
                    break;
                case OperandType.InlineI8 or OperandType.InlineR:
                    at += 8;
                    break;
                default:
                    at += 4;
                    break;
            }
        }
    }

    private static string Describe(MetadataReader reader, EntityHandle handle)
    {
        var provider = TypeNameProvider.Instance;
        switch (handle.Kind)
        {
            case HandleKind.TypeDefinition:
                return TypeNameProvider.Name(reader, (TypeDefinitionHandle)handle);
            case HandleKind.TypeReference:
                return TypeNameProvider.Name(reader, (TypeReferenceHandle)handle);
            case HandleKind.TypeSpecification:
                return reader.GetTypeSpecification((TypeSpecificationHandle)handle).DecodeSignature(provider, null);
            case HandleKind.FieldDefinition:
                var field = reader.GetFieldDefinition((FieldDefinitionHandle)handle);
                return TypeNameProvider.Name(reader, field.GetDeclaringType()) + "::" + field.DecodeSignature(provider, null);
            case HandleKind.MethodDefinition:
                var method = reader.GetMethodDefinition((MethodDefinitionHandle)handle);
                var signature = method.DecodeSignature(provider, null);
                return TypeNameProvider.Name(reader, method.GetDeclaringType()) + "::(" + string.Join(",", signature.ParameterTypes) + ")" + signature.ReturnType;
            case HandleKind.MemberReference:
                var member = reader.GetMemberReference((MemberReferenceHandle)handle);
                var parent = member.Parent.Kind is HandleKind.ModuleReference ? "" : Describe(reader, member.Parent);
                return member.GetKind() == MemberReferenceKind.Field
                    ? parent + "::" + member.DecodeFieldSignature(provider, null)
                    : parent + "::(" + string.Join(",", member.DecodeMethodSignature(provider, null).ParameterTypes) + ")" + member.DecodeMethodSignature(provider, null).ReturnType;
            case HandleKind.MethodSpecification:
                var specification = reader.GetMethodSpecification((MethodSpecificationHandle)handle);
                return Describe(reader, specification.Method) + "<" + string.Join(",", specification.DecodeSignature(provider, null)) + ">";
            case HandleKind.StandaloneSignature:
                var standalone = reader.GetStandaloneSignature((StandaloneSignatureHandle)handle);
                return standalone.GetKind() == StandaloneSignatureKind.LocalVariables
                    ? string.Join(",", standalone.DecodeLocalSignature(provider, null))
                    : string.Join(",", standalone.DecodeMethodSignature(provider, null).ParameterTypes);
            default:
                return "";
        }
    }
}
