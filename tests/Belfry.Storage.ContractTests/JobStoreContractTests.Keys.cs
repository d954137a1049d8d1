using Belfry.Core.Storage;

namespace Belfry.Storage.ContractTests;

/// <summary>The signing key store (<see cref="ISigningKeyStore"/>): one current key, rotation, forgetting.</summary>
public abstract partial class JobStoreContractTests
{
    [Fact]
    public async Task ListSigningKeys_NewStore_Empty()
    {
        Assert.Empty(await Keys.ListSigningKeysAsync(Ct));
    }

    [Fact]
    public async Task AddSigningKeyIfNone_NoKey_StoresTheCandidateExactly()
    {
        var candidate = Key("kid-1", StoreTime.T0.ToOffset(TimeSpan.FromHours(9)).AddTicks(1234567));

        var current = await Keys.AddSigningKeyIfNoneAsync(candidate, Ct);

        Assert.Equal("kid-1", current.Id);
        var stored = Assert.Single(await Keys.ListSigningKeysAsync(Ct));
        Assert.Equal(candidate.Id, stored.Id);
        Assert.Equal(candidate.PrivateKeyPkcs8.ToArray(), stored.PrivateKeyPkcs8.ToArray());
        Assert.Equal(StoreTime.Truncate(candidate.CreateTime, InstantPrecision).UtcTicks, stored.CreateTime.UtcTicks);
        Assert.Equal(TimeSpan.Zero, stored.CreateTime.Offset);
        Assert.Null(stored.RetireTime);
        Assert.True(stored.IsCurrent);
    }

    [Fact]
    public async Task AddSigningKeyIfNone_CurrentKeyExists_ReturnsItAndStoresNothing()
    {
        await Keys.AddSigningKeyIfNoneAsync(Key("first", StoreTime.T0), Ct);

        var current = await Keys.AddSigningKeyIfNoneAsync(Key("second", StoreTime.T0.AddMinutes(1)), Ct);

        Assert.Equal("first", current.Id);
        Assert.Equal(["first"], (await Keys.ListSigningKeysAsync(Ct)).Select(k => k.Id));
    }

    [Fact]
    public async Task AddSigningKeyIfNone_ManyAtOnce_AllAgreeOnOneCurrentKey()
    {
        var candidates = Enumerable.Range(0, 16).Select(i => Key($"racer-{i}", StoreTime.T0)).ToList();

        var results = await Task.WhenAll(candidates.Select(c => Task.Run(() => Keys.AddSigningKeyIfNoneAsync(c, Ct), Ct)));

        var winner = Assert.Single(results.Select(r => r.Id).Distinct());
        Assert.Equal([winner], (await Keys.ListSigningKeysAsync(Ct)).Select(k => k.Id));
    }

    [Fact]
    public async Task RotateSigningKey_RetiresThePreviousAtTheNewKeysCreateTime_CurrentFirst()
    {
        await Keys.AddSigningKeyIfNoneAsync(Key("old", StoreTime.T0), Ct);
        var rotatedAt = StoreTime.T0.AddDays(3);

        await Keys.RotateSigningKeyAsync(Key("new", rotatedAt), rotatedAt.AddHours(-2), Ct);

        var keys = await Keys.ListSigningKeysAsync(Ct);
        Assert.Equal(["new", "old"], keys.Select(k => k.Id));
        Assert.Null(keys[0].RetireTime);
        Assert.Equal(rotatedAt.UtcTicks, keys[1].RetireTime!.Value.UtcTicks);
        Assert.Single(keys, k => k.IsCurrent);
    }

    [Fact]
    public async Task RotateSigningKey_ForgetsOnlyKeysRetiredBeforeTheCutoff()
    {
        await Keys.AddSigningKeyIfNoneAsync(Key("a", StoreTime.T0), Ct);
        await Keys.RotateSigningKeyAsync(Key("b", StoreTime.T0.AddHours(1)), StoreTime.T0, Ct);
        await Keys.RotateSigningKeyAsync(Key("c", StoreTime.T0.AddHours(2)), StoreTime.T0, Ct);

        // a retired at T0+1h, b at T0+3h; the cutoff T0+2h forgets a only.
        await Keys.RotateSigningKeyAsync(Key("d", StoreTime.T0.AddHours(3)), StoreTime.T0.AddHours(2), Ct);

        Assert.Equal(["d", "c", "b"], (await Keys.ListSigningKeysAsync(Ct)).Select(k => k.Id));
    }

    [Fact]
    public async Task RotateSigningKey_WithinTheSameInstant_CurrentKeyStillListedFirst()
    {
        await Keys.AddSigningKeyIfNoneAsync(Key("zzz-first", StoreTime.T0), Ct);

        await Keys.RotateSigningKeyAsync(Key("aaa-second", StoreTime.T0), StoreTime.T0, Ct);

        Assert.Equal(["aaa-second", "zzz-first"], (await Keys.ListSigningKeysAsync(Ct)).Select(k => k.Id));
    }

    [Fact]
    public async Task RotateSigningKey_NoKeyYet_AddsTheCurrentKey()
    {
        await Keys.RotateSigningKeyAsync(Key("only", StoreTime.T0), StoreTime.T0, Ct);

        Assert.True(Assert.Single(await Keys.ListSigningKeysAsync(Ct)).IsCurrent);
    }

    [Fact]
    public async Task Changes_FirstKeyAndRotation_PublishSigningKeysChangedAndAnExistingKeyNothing()
    {
        var rotatedAt = StoreTime.T0.AddHours(1);

        var added = await RecordChangesAsync(() => Keys.AddSigningKeyIfNoneAsync(Key("first", StoreTime.T0), Ct));
        var existing = await RecordChangesAsync(() => Keys.AddSigningKeyIfNoneAsync(Key("second", StoreTime.T0), Ct));
        var rotated = await RecordChangesAsync(() => Keys.RotateSigningKeyAsync(Key("third", rotatedAt), StoreTime.T0, Ct));

        Assert.Equal([StoreChange.SigningKeysChanged(StoreTime.T0)], added);
        Assert.Empty(existing);
        Assert.Equal([StoreChange.SigningKeysChanged(rotatedAt)], rotated);
    }

    private static SigningKey Key(string id, DateTimeOffset createTime)
    {
        // The store keeps the PKCS#8 bytes opaque; any bytes do.
        var bytes = new byte[1200];
        new Random(id.GetHashCode(StringComparison.Ordinal)).NextBytes(bytes);
        return new SigningKey(id, bytes, createTime, RetireTime: null);
    }
}
