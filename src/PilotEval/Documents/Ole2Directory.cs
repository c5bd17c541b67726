using System.Buffers.Binary;
using System.Text;

namespace PilotEval.Documents;

/// <summary>
/// The stream names of an OLE2 compound file (MS-CFB), and whether a Word binary document in it is encrypted: just
/// enough to tell a legacy .doc or .wps (a <c>WordDocument</c> stream) from an encrypted .docx (<c>EncryptionInfo</c>
/// and <c>EncryptedPackage</c>) from an Excel or PowerPoint file, without a library for a format we only sniff.
/// Throws <see cref="InvalidDataException"/> on a directory it cannot follow.
/// </summary>
internal sealed record Ole2Directory(IReadOnlyList<string> Streams, bool WordEncrypted)
{
    private const uint EndOfChain = 0xFFFFFFFE;
    private const uint FreeSector = 0xFFFFFFFF;

    /// <summary>FibBase.fEncrypted ([MS-DOC] 2.5.2): bit 8 of the flags at offset 0x0A of the WordDocument stream.</summary>
    private const ushort FibEncrypted = 0x0100;

    public static Ole2Directory Read(byte[] bytes)
    {
        if (bytes.Length < 512) throw new InvalidDataException("OLE2 header truncated");
        var header = bytes.AsSpan();
        var sectorSize = 1 << BinaryPrimitives.ReadUInt16LittleEndian(header[0x1E..]);
        if (sectorSize is not (512 or 4096)) throw new InvalidDataException("OLE2 sector size");
        var sectors = (bytes.Length - sectorSize + sectorSize - 1) / sectorSize;
        var fat = ReadFat(bytes, sectorSize, sectors);

        var streams = new List<string>();
        var wordEncrypted = false;
        var miniCutoff = BinaryPrimitives.ReadUInt32LittleEndian(header[0x38..]);
        foreach (var sector in Chain(fat, BinaryPrimitives.ReadUInt32LittleEndian(header[0x30..]), sectors))
        {
            var offset = (int)((sector + 1) * (long)sectorSize);
            for (var entry = offset; entry + 128 <= offset + sectorSize && entry + 128 <= bytes.Length; entry += 128)
            {
                var span = header.Slice(entry, 128);
                var nameLength = BinaryPrimitives.ReadUInt16LittleEndian(span[0x40..]);
                var type = span[0x42];
                if (type != 2 || nameLength < 2 || nameLength > 64) continue;
                var name = Encoding.Unicode.GetString(span[..(nameLength - 2)]);
                streams.Add(name);
                if (name != "WordDocument") continue;
                var start = BinaryPrimitives.ReadUInt32LittleEndian(span[0x74..]);
                var size = BinaryPrimitives.ReadUInt32LittleEndian(span[0x78..]);
                // A WordDocument stream is always far above the mini-stream cutoff; its first sector holds the FIB.
                var fib = (start + 1) * (long)sectorSize;
                if (size >= miniCutoff && start < sectors && fib + 12 <= bytes.Length)
                {
                    wordEncrypted = (BinaryPrimitives.ReadUInt16LittleEndian(header[(int)(fib + 0x0A)..]) & FibEncrypted) != 0;
                }
            }
        }
        return new Ole2Directory(streams, wordEncrypted);
    }

    private static uint[] ReadFat(byte[] bytes, int sectorSize, int sectors)
    {
        var header = bytes.AsSpan();
        var fatSectors = new List<uint>();
        for (var i = 0; i < 109; i++)
        {
            var sector = BinaryPrimitives.ReadUInt32LittleEndian(header[(0x4C + i * 4)..]);
            if (sector >= FreeSector - 1) break;
            fatSectors.Add(sector);
        }
        // Files over ~7 MB list further FAT sectors in a chain of DIFAT sectors.
        var difat = BinaryPrimitives.ReadUInt32LittleEndian(header[0x44..]);
        for (var guard = 0; difat < sectors && guard < sectors; guard++)
        {
            var offset = (int)((difat + 1) * (long)sectorSize);
            var perSector = sectorSize / 4 - 1;
            for (var i = 0; i < perSector; i++)
            {
                var sector = BinaryPrimitives.ReadUInt32LittleEndian(header[(offset + i * 4)..]);
                if (sector < FreeSector - 1) fatSectors.Add(sector);
            }
            difat = BinaryPrimitives.ReadUInt32LittleEndian(header[(offset + perSector * 4)..]);
        }
        var fat = new List<uint>();
        foreach (var sector in fatSectors)
        {
            if (sector >= sectors) throw new InvalidDataException("OLE2 FAT sector out of range");
            var offset = (int)((sector + 1) * (long)sectorSize);
            for (var i = 0; i < sectorSize / 4 && offset + i * 4 + 4 <= bytes.Length; i++)
            {
                fat.Add(BinaryPrimitives.ReadUInt32LittleEndian(header[(offset + i * 4)..]));
            }
        }
        return [.. fat];
    }

    /// <summary>Follows a FAT chain, refusing loops and sectors past the end of the file.</summary>
    private static IEnumerable<uint> Chain(uint[] fat, uint start, int sectors)
    {
        var seen = 0;
        for (var sector = start; sector != EndOfChain; sector = fat[sector])
        {
            if (sector >= sectors || sector >= fat.Length || ++seen > sectors) throw new InvalidDataException("OLE2 chain broken");
            yield return sector;
        }
    }
}
