namespace Belfry.Storage.Sql;

/// <summary>Statements on <c>signing_keys</c> that every dialect runs as they are.</summary>
internal static class SigningKeySql
{
    /// <summary>The columns a key is read from, in order: id, PKCS#8 private key, create time, retire time.</summary>
    public const string Columns = "kid, private_key, create_time, retire_time";

    /// <summary>The current key, if any (at most one: a unique index guards it).</summary>
    public const string Current = $"SELECT {Columns} FROM signing_keys WHERE retire_time IS NULL";

    /// <summary>Every kept key: the current one first, then the retired ones, most recently retired first.</summary>
    public const string List = $"""
        SELECT {Columns} FROM signing_keys
        ORDER BY retire_time IS NULL DESC, retire_time DESC, create_time DESC, kid
        """;

    /// <summary>Retires the current key at @now and forgets keys retired before @forgetBefore.</summary>
    public const string RetireAndForget = """
        UPDATE signing_keys SET retire_time = @now WHERE retire_time IS NULL;
        DELETE FROM signing_keys WHERE retire_time < @forgetBefore;
        """;

    /// <summary>A new current key.</summary>
    public const string Insert = """
        INSERT INTO signing_keys (kid, private_key, create_time, retire_time) VALUES (@kid, @privateKey, @createTime, NULL)
        """;
}
